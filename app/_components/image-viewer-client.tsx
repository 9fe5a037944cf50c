"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";

type FrameMeta = { width: number; height: number; frames: number; frameIndex: number; invert: boolean; window: { center: number; width: number } };

/**
 * A small diagnostic viewer: the server sends one frame's modality values (e.g. HU) and the browser
 * applies window/level, so dragging the window needs no round trip. Zoom with the wheel or buttons,
 * pan by dragging, window/level with the sliders or a right-button drag; frames for multi-frame DICOM.
 */
export function ImageViewer({ caseId, imageId, overlayUrl }: { caseId: string; imageId: string; overlayUrl?: string | null }) {
  const t = useTranslations("viewer");
  const canvas = useRef<HTMLCanvasElement>(null);
  const [meta, setMeta] = useState<FrameMeta | null>(null);
  const [pixels, setPixels] = useState<Float32Array | null>(null);
  const [frame, setFrame] = useState(0);
  const [window, setWindow] = useState<{ center: number; width: number } | null>(null);
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const [showOverlay, setShowOverlay] = useState(true);
  const [overlayEmpty, setOverlayEmpty] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  const drag = useRef<{ x: number; y: number; button: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/cases/${caseId}/images/${imageId}?frame=${frame}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const frameMeta = JSON.parse(response.headers.get("x-image-meta") ?? "null") as FrameMeta;
        const values = new Float32Array(await response.arrayBuffer());
        if (cancelled) return;
        setMeta(frameMeta);
        setPixels(values);
        setWindow((current) => current ?? frameMeta.window);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [caseId, imageId, frame]);

  useEffect(() => {
    if (!canvas.current || !meta || !pixels || !window) return;
    const context = canvas.current.getContext("2d");
    if (!context) return;
    const rgba = new Uint8ClampedArray(meta.width * meta.height * 4);
    const low = window.center - window.width / 2;
    for (let index = 0; index < pixels.length; index++) {
      let value = ((pixels[index]! - low) / window.width) * 255;
      if (meta.invert) value = 255 - value;
      rgba[index * 4] = rgba[index * 4 + 1] = rgba[index * 4 + 2] = value;
      rgba[index * 4 + 3] = 255;
    }
    context.putImageData(new ImageData(rgba, meta.width, meta.height), 0, 0);
  }, [meta, pixels, window]);

  const onPointerMove = useCallback(
    (event: React.PointerEvent) => {
      if (!drag.current || !window) return;
      const dx = event.clientX - drag.current.x;
      const dy = event.clientY - drag.current.y;
      drag.current = { ...drag.current, x: event.clientX, y: event.clientY };
      if (drag.current.button === 2) setWindow({ center: window.center + dy * (window.width / 256), width: Math.max(1, window.width + dx * (window.width / 256)) });
      else setPan((current) => ({ x: current.x + dx, y: current.y + dy }));
    },
    [window],
  );

  if (failed) return <p className="alert error">{t("failed")}</p>;
  const transform = `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`;
  return (
    <div className="viewer">
      <div
        className="viewer-stage"
        data-testid="image-viewer"
        onWheel={(event) => setZoom((current) => Math.min(8, Math.max(0.25, current * (event.deltaY < 0 ? 1.1 : 0.9))))}
        onPointerDown={(event) => (drag.current = { x: event.clientX, y: event.clientY, button: event.button })}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => (drag.current = null)}
        onContextMenu={(event) => event.preventDefault()}
      >
        <div className="viewer-layer" style={{ transform }}>
          <canvas ref={canvas} width={meta?.width ?? 1} height={meta?.height ?? 1} aria-label={t("image")} />
          {/* A per-user, audited heat map: Next's image optimiser must not fetch or cache it. */}
          {overlayUrl && showOverlay && meta && (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={overlayUrl} alt={t("heatmap")} data-testid="heatmap-overlay" className="viewer-overlay" width={meta.width} height={meta.height} onLoad={(event) => setOverlayEmpty(!hasVisiblePixel(event.currentTarget))} />
          )}
        </div>
      </div>
      {meta && window && (
        <div className="viewer-controls">
          <label>
            {t("windowCenter")} {Math.round(window.center)}
            <input type="range" min={window.center - window.width * 2} max={window.center + window.width * 2} value={window.center} onChange={(event) => setWindow({ ...window, center: Number(event.target.value) })} />
          </label>
          <label>
            {t("windowWidth")} {Math.round(window.width)}
            <input type="range" min={1} max={Math.max(window.width * 4, 10)} value={window.width} onChange={(event) => setWindow({ ...window, width: Number(event.target.value) })} />
          </label>
          <button type="button" className="secondary" onClick={() => setZoom((z) => Math.min(8, z * 1.25))}>
            {t("zoomIn")}
          </button>
          <button type="button" className="secondary" onClick={() => setZoom((z) => Math.max(0.25, z / 1.25))}>
            {t("zoomOut")}
          </button>
          <button type="button" className="secondary" onClick={() => (setZoom(1), setPan({ x: 0, y: 0 }), setWindow(meta.window))}>
            {t("reset")}
          </button>
          {meta.frames > 1 && (
            <label>
              {t("frame", { current: frame + 1, total: meta.frames })}
              <input type="range" min={0} max={meta.frames - 1} value={frame} onChange={(event) => setFrame(Number(event.target.value))} />
            </label>
          )}
          {overlayUrl && (
            <label className="inline">
              <input type="checkbox" checked={showOverlay} onChange={(event) => setShowOverlay(event.target.checked)} /> {t("showHeatmap")}
            </label>
          )}
          {overlayUrl && showOverlay && <HeatmapLegend empty={overlayEmpty} />}
        </div>
      )}
    </div>
  );
}

/** True when any pixel of the loaded overlay is visible: the model highlighted something above the floor. */
function hasVisiblePixel(image: HTMLImageElement): boolean {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  if (!context) return true;
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha]! > 0) return true;
  return false;
}

/** The heat map's colour ramp (lib/inference/render-heatmap-overlay.ts), or why nothing shows. */
function HeatmapLegend({ empty }: { empty: boolean | null }) {
  const t = useTranslations("heatmapLegend");
  if (empty) {
    return (
      <p className="small muted" role="status" data-testid="heatmap-empty">
        {t("nothing")}
      </p>
    );
  }
  return (
    <figure className="m-0 flex items-center gap-2 text-sm" data-testid="heatmap-legend">
      <figcaption>{t("title")}</figcaption>
      <span>{t("low")}</span>
      <span aria-hidden="true" className="inline-block h-3 w-32 rounded-sm border border-line" style={{ background: "linear-gradient(to right, rgb(128,0,0), rgb(230,30,0) 35%, rgb(255,140,0) 60%, rgb(255,235,60) 85%, rgb(255,255,230))" }} />
      <span>{t("high")}</span>
    </figure>
  );
}
