"use client";

import { useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/actions/define-action";

/** Runs a server action in a transition and keeps its last failure (for <ActionError>) and success. */
export function useAction() {
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<ActionResult<unknown>>, onSuccess?: () => void) =>
    startTransition(async () => {
      const result = await call();
      setFailure(result.ok ? null : result);
      setDone(result.ok);
      if (result.ok) onSuccess?.();
    });
  return { failure, done, pending, run };
}
