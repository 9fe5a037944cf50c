import type { NoteTokenizerSpec } from "./manifest";

// Mirror of NoteTokenizer in models/reference/train.py ("greedy-longest-match-v1"); the manifest's
// tokenizer.algorithm states the rule. Vocab terms are BMP-only, so UTF-16 indices and Python
// code-point indices walk the same characters.

type CompiledVocab = { ids: Map<string, number>; maxTermLength: number };

const compiledVocabs = new WeakMap<NoteTokenizerSpec, CompiledVocab>();

function compile(spec: NoteTokenizerSpec): CompiledVocab {
  let compiled = compiledVocabs.get(spec);
  if (!compiled) {
    const ids = new Map(spec.vocab.map((term, index) => [term, spec.firstVocabId + index]));
    compiled = { ids, maxTermLength: Math.max(...spec.vocab.map((term) => term.length)) };
    compiledVocabs.set(spec, compiled);
  }
  return compiled;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

export type TokenizedNote = { tokens: BigInt64Array; tokenCount: number; unknownCount: number };

export function tokenizeNote(note: string, spec: NoteTokenizerSpec): TokenizedNote {
  const { ids, maxTermLength } = compile(spec);
  const text = note.normalize("NFKC").toLowerCase();
  const tokens = new BigInt64Array(spec.maxTokens).fill(BigInt(spec.padId));
  let count = 0;
  let unknownCount = 0;
  let i = 0;
  while (i < text.length && count < spec.maxTokens) {
    let matchedId: number | undefined;
    let matchedLength = 0;
    for (let length = Math.min(maxTermLength, text.length - i); length > 0; length--) {
      const id = ids.get(text.slice(i, i + length));
      if (id === undefined) continue;
      const end = i + length;
      // A term ending in [a-z0-9] must end at a word boundary ("no" must not match "normal").
      if (isAsciiAlphanumeric(text.charCodeAt(end - 1)) && end < text.length && isAsciiAlphanumeric(text.charCodeAt(end))) continue;
      matchedId = id;
      matchedLength = length;
      break;
    }
    if (matchedId !== undefined) {
      tokens[count++] = BigInt(matchedId);
      i += matchedLength;
    } else if (isAsciiAlphanumeric(text.charCodeAt(i))) {
      while (i < text.length && isAsciiAlphanumeric(text.charCodeAt(i))) i++;
      tokens[count++] = BigInt(spec.unkId);
      unknownCount++;
    } else {
      i++; // whitespace, punctuation, unknown non-ASCII character: skipped without a token
    }
  }
  return { tokens, tokenCount: count, unknownCount };
}
