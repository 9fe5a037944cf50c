import { guardedRoute } from "@/lib/actions/route-handler";
import { maxStowBodyBytes, receiveStowRequest } from "@/lib/integrations/receive-stow-request";

// STOW-RS for the site's PACS router: authenticated by a per-PoC API token, not a session.
export const POST = guardedRoute({ name: "pacs.push", permission: "public", maxBodyBytes: maxStowBodyBytes, limitEnforcedWhileReading: true }, (request, { params }) => receiveStowRequest(request, params.pocId));
