// Entry of the image worker threads (image-pool.ts). A plain .mjs outside Next's bundle, so the
// built server can start it by path; it loads the TypeScript task module through tsx (a runtime
// dependency), which also resolves the "@/" paths of tsconfig.json.
import { register } from "tsx/esm/api";

register();
const { runImageTaskHere } = await import("./image-tasks.ts");

export default runImageTaskHere;
