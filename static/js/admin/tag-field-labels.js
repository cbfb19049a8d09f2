/*
 * Wagtail's tag fields (jQuery tag-it) hide the labelled <input> and type into a new, unlabelled
 * one, which screen readers announce without a name (axe: "label"). Give every such input the
 * field's label and help text. tag-it has no option for this, and it builds its input after
 * the page loads (and again in panels added later), hence the observer.
 */
(() => {
  "use strict";

  const labelFor = (input) => {
    if (!input.id) return null;
    return document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  };

  const labelTagInputs = (root) => {
    root.querySelectorAll("ul.tagit").forEach((list) => {
      const original = list.previousElementSibling;
      const typed = list.querySelector(".tagit-new input");
      if (!original || original.tagName !== "INPUT" || !typed || typed.hasAttribute("aria-labelledby")) {
        return;
      }
      const label = labelFor(original);
      if (label) {
        if (!label.id) label.id = `${original.id}-label`;
        typed.setAttribute("aria-labelledby", label.id);
        if (!typed.id) typed.id = `${original.id}-tags`;
      }
      const described = original.getAttribute("aria-describedby");
      if (described) typed.setAttribute("aria-describedby", described);
    });
  };

  const start = () => {
    labelTagInputs(document);
    new MutationObserver(() => labelTagInputs(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
