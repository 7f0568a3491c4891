// The project's own ESLint rules, loaded by eslint.config.js.
import noServerValueInBrowser from "./no-server-value-in-browser.js";

export default {
  meta: { name: "thidua" },
  rules: { "no-server-value-in-browser": noServerValueInBrowser },
};
