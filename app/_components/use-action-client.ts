"use client";

import { useState, useTransition, type FormEvent } from "react";
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
  /** A form's onSubmit: runs the action with the form's fields, and clears the form after a success when asked. */
  const submit = (call: (form: FormData) => Promise<ActionResult<unknown>>, { resetOnSuccess = false } = {}) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    run(() => call(form), resetOnSuccess ? () => element.reset() : undefined);
  };
  return { failure, done, pending, run, submit };
}
