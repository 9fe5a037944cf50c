import { createRequire } from "node:module";
import path from "node:path";
import kuromoji from "kuromoji";

export type JapaneseToken = kuromoji.IpadicFeatures;
type Tokenizer = kuromoji.Tokenizer<JapaneseToken>;

let tokenizer: Promise<Tokenizer> | undefined;

// Resolved from the app's root, not from this module: the Next server bundle replaces
// `createRequire(import.meta.url).resolve(…)` with a numeric module id, which is not a path.
function resolveFromApp(specifier: string): string {
  return createRequire(path.join(process.cwd(), "package.json")).resolve(specifier);
}

/**
 * kuromoji with the IPADIC dictionary shipped inside its npm package (no download). Building it reads
 * about 20 MB and takes a second or two, so it is built once per process or worker thread, on first use.
 */
export function loadJapaneseTokenizer(): Promise<Tokenizer> {
  tokenizer ??= new Promise<Tokenizer>((resolve, reject) => {
    const dicPath = path.join(path.dirname(resolveFromApp("kuromoji/package.json")), "dict");
    kuromoji.builder({ dicPath }).build((error, built) => (error ? reject(error) : resolve(built)));
  }).catch((error: unknown) => {
    tokenizer = undefined;
    throw error;
  });
  return tokenizer;
}
