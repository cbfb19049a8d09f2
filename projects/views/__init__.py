from .lists import challenge_panel_context

__all__ = ["challenge_panel_context"]
