"use client";

// A portal page that fails unexpectedly: the same translated page as app/error.tsx, inside the portal chrome.
export { default } from "../error";
