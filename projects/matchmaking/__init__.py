"""Matchmaking: who could join which project, and why (issue 15).

A pure engine over scipy sparse matrices, in layers that know nothing of requests:

- `engine.py`: the pool of people as matrices (`Pool`), what a project or one of its open
  roles needs (`Need`), and the reciprocal score with each of its terms kept for explanations;
  the same terms for one person against every project (`ProjectBook`).
- `fairness.py`: amortised re-ranking so near-equal people take turns over the days and each
  actor type is shown in proportion to its share of the opted-in pool.
- `exposure.py`: the decaying record of who was shown how much (cache, process memory when
  the cache fails), which that re-ranking reads.
- `teams.py`: the team builder (greedy cover weighted by skill rarity).
- `explain.py`: plain-language reasons from the terms of a suggestion's own score.
- `index.py`: the pool built from the database, cached and kept fresh by signals.

Views call only `projects/services/matchmaking.py`.
"""
