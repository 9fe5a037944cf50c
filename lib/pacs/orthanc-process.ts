import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";

// Debian's Orthanc and its DICOMweb plugin, run as a plain child process with a config this module
// writes (no systemd on our machines). Used by `npm run pacs:demo`, the integration tests and
// bench:import; the portal itself only ever talks DICOMweb to whatever PACS a site configures.
const orthancBinary = process.env.ORTHANC_BINARY ?? "/usr/sbin/Orthanc";
const dicomWebPlugin = process.env.ORTHANC_DICOMWEB_PLUGIN ?? "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

export type OrthancOptions = {
  /** Storage and index live here (created if missing). */
  dataDir: string;
  httpPort?: number;
  dicomPort?: number;
  username: string;
  password: string;
  /** Other DICOMweb servers Orthanc may push to: name → base URL (and optional basic-auth pair). */
  dicomWebServers?: Record<string, { url: string; username?: string; password?: string; headers?: Record<string, string> }>;
};

export type RunningOrthanc = {
  httpPort: number;
  dicomPort: number;
  /** Base URL of the DICOMweb API, ending in "/dicom-web". */
  dicomWebUrl: string;
  /** Orthanc's own REST API root. */
  restUrl: string;
  username: string;
  password: string;
  stop: () => Promise<void>;
};

/** A TCP port the operating system just had free. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Throws a readable error when Debian's packages are missing (CI installs them; nothing is skipped). */
function assertOrthancInstalled(): void {
  const missing = [orthancBinary, dicomWebPlugin].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`Orthanc is not installed (missing ${missing.join(", ")}): run apt-get install -y orthanc orthanc-dicomweb`);
}

function orthancConfig(options: OrthancOptions, httpPort: number, dicomPort: number) {
  const servers = Object.fromEntries(
    Object.entries(options.dicomWebServers ?? {}).map(([name, server]) => [
      name,
      { Url: server.url.endsWith("/") ? server.url : `${server.url}/`, ...(server.username ? { Username: server.username, Password: server.password ?? "" } : {}), ...(server.headers ? { HttpHeaders: server.headers } : {}) },
    ]),
  );
  return {
    Name: "MMFM-PACS",
    StorageDirectory: path.join(options.dataDir, "storage"),
    IndexDirectory: path.join(options.dataDir, "index"),
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: "MMFMPACS",
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [options.username]: options.password },
    Plugins: [dicomWebPlugin],
    // Keep every instance we are sent, whatever its transfer syntax, so the import sees what the hospital has.
    StorageCompression: false,
    HttpTimeout: 60,
    DicomWeb: { Enable: true, Root: "/dicom-web/", EnableWado: true, Ssl: false, Servers: servers, StudiesMetadata: "Full", SeriesMetadata: "Full" },
  };
}

async function waitUntilAnswering(restUrl: string, auth: string, child: ChildProcess, logTail: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode}: ${logTail()}`);
    try {
      const response = await fetch(`${restUrl}/system`, { headers: { authorization: auth } });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Orthanc did not answer within 60 s: ${logTail()}`);
}

/** Starts Orthanc on 127.0.0.1 (free ports unless given) and resolves once its REST API answers. */
export async function startOrthanc(options: OrthancOptions): Promise<RunningOrthanc> {
  assertOrthancInstalled();
  const httpPort = options.httpPort ?? (await freePort());
  const dicomPort = options.dicomPort ?? (await freePort());
  await mkdir(options.dataDir, { recursive: true });
  const configPath = path.join(options.dataDir, "orthanc.json");
  await writeFile(configPath, JSON.stringify(orthancConfig(options, httpPort, dicomPort), null, 2));
  const child = spawn(orthancBinary, [configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const restUrl = `http://127.0.0.1:${httpPort}`;
  const auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
  try {
    await waitUntilAnswering(restUrl, auth, child, () => log);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { httpPort, dicomPort, dicomWebUrl: `${restUrl}/dicom-web`, restUrl, username: options.username, password: options.password, stop };
}
