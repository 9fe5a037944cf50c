import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** Awaits a page's domain call, showing the 404 page when it answers NOT_FOUND (missing, or outside the viewer's scope). */
export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
