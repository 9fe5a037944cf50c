// ESLint flat config: typescript-eslint's recommended type-aware-free rules, React hooks, Next's own rules.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/db/generated/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "models/**/*.py"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"],
  nextPlugin.configs["core-web-vitals"],
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
    rules: {
      // `_`-prefixed names are deliberately unused (positional parameters, rest omissions).
      // Refusing control characters is a validation rule here, so regexes name them on purpose.
      "no-control-regex": "off",
      // An escaped "-" in a character class reads unambiguously; dropping it changes meaning when moved.
      "no-useless-escape": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Node scripts and config files.
    files: ["scripts/**/*.mjs", "*.mjs", "*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly", URL: "readonly", Buffer: "readonly" } },
  },
);
