// Tailwind CSS v4 runs as a PostCSS plugin in Next's CSS pipeline; the design tokens live in app/globals.css.
export default { plugins: { "@tailwindcss/postcss": {} } };
