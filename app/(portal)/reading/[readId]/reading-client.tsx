"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { ConfirmButton } from "@/app/_components/confirm-button-client";
import { ImageViewer } from "@/app/_components/image-viewer-client";
import { useAction } from "@/app/_components/use-action-client";
import type { ReadArm } from "@/lib/db/generated/enums";
import { ActiveTimer } from "@/lib/reading/active-timer";
import type { AiOutput } from "@/lib/reading/load-ai-output";
import { abandonReadAction, completeReadAction, recordFirstCallAction } from "../actions";
import { AiCaveats } from "./ai-caveats-client";
import { ConfidenceSlider } from "./confidence-slider-client";

type Props = {
  readId: string;
  caseId: string;
  imageIds: string[];
  arm: ReadArm;
  secondReader: boolean;
  firstCallRecorded: boolean | null;
  initialAiOutput: AiOutput | null;
  children: React.ReactNode;
};

function useReadingTimer() {
  const timer = useRef<ActiveTimer | null>(null);
  const [shown, setShown] = useState({ totalMs: 0, activeMs: 0, paused: false });
  useEffect(() => {
    timer.current = new ActiveTimer(performance.now());
    const onInput = () => timer.current?.input(performance.now());
    const onVisibility = () => timer.current?.setVisible(document.visibilityState === "visible", performance.now());
    const events = ["pointermove", "pointerdown", "keydown", "wheel", "scroll"] as const;
    events.forEach((name) => window.addEventListener(name, onInput, { passive: true }));
    document.addEventListener("visibilitychange", onVisibility);
    const tick = setInterval(() => timer.current && setShown(timer.current.read(performance.now())), 1000);
    return () => {
      events.forEach((name) => window.removeEventListener(name, onInput));
      document.removeEventListener("visibilitychange", onVisibility);
      clearInterval(tick);
    };
  }, []);
  return { shown, read: () => timer.current!.read(performance.now()) };
}

function formatDuration(ms: number) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function ReadingScreen({ readId, caseId, imageIds, arm, secondReader, firstCallRecorded, initialAiOutput, children }: Props) {
  const t = useTranslations("reading");
  const tForm = useTranslations("readingForm");
  const router = useRouter();
  const timer = useReadingTimer();
  const { failure, pending, run } = useAction();
  const [aiOutput, setAiOutput] = useState(initialAiOutput);
  const [firstCall, setFirstCall] = useState<boolean | null>(firstCallRecorded);
  const aided = arm === "AIDED";
  const awaitingFirstCall = secondReader && firstCall === null;
  const [confidence, setConfidence] = useState<number | null>(null);
  const [confidenceMissing, setConfidenceMissing] = useState(false);

  return (
    <div className="two-columns">
      <div className="stack">
        {imageIds.map((imageId) => (
          <ImageViewer key={imageId} caseId={caseId} imageId={imageId} overlayUrl={aiOutput?.overlayUrl ?? null} />
        ))}
        {children}
      </div>
      <div className="stack">
        <p className="timer" data-testid="reading-timer">
          {t("timer", { total: formatDuration(timer.shown.totalMs), active: formatDuration(timer.shown.activeMs) })} {timer.shown.paused && <strong>{t("paused")}</strong>}
        </p>
        {/* In second-reader mode the reader's own first call stays in view next to the AI output. */}
        {secondReader && firstCall !== null && (
          <p className="panel" data-testid="first-call">
            {tForm("yourFirstCall")}: <strong>{firstCall ? t("present") : t("absent")}</strong>
          </p>
        )}
        {aided && !awaitingFirstCall && <AiPanel output={aiOutput} />}
        {awaitingFirstCall ? (
          <form
            className="panel"
            onSubmit={(event) => {
              event.preventDefault();
              const call = new FormData(event.currentTarget).get("firstCall") === "present";
              run(async () => {
                const result = await recordFirstCallAction({ readId, firstCall: call });
                if (result.ok) {
                  setFirstCall(call);
                  setAiOutput(result.data);
                }
                return result;
              });
            }}
          >
            <h2>{t("firstCallTitle")}</h2>
            <p className="muted">{t("firstCallHelp")}</p>
            <CallChoice name="firstCall" />
            <ActionError failure={failure} />
            <button type="submit" disabled={pending} aria-busy={pending}>
              {t("recordFirstCall")}
            </button>
          </form>
        ) : (
          <form
            className="panel"
            onSubmit={(event) => {
              event.preventDefault();
              if (confidence === null) {
                setConfidenceMissing(true);
                document.getElementById("confidence")?.focus();
                return;
              }
              const form = new FormData(event.currentTarget);
              const { totalMs, activeMs } = timer.read();
              run(async () => {
                const result = await completeReadAction({
                  readId,
                  finalCall: form.get("finalCall") === "present",
                  confidence,
                  changedAfterAi: aided && !secondReader ? form.get("changedAfterAi") === "on" : null,
                  usefulness: aided && form.get("usefulness") ? Number(form.get("usefulness")) : null,
                  aiOpened: aided && aiOutput !== null,
                  totalMs: Math.round(totalMs),
                  activeMs: Math.round(activeMs),
                });
                if (result.ok) router.push("/reading");
                return result;
              });
            }}
          >
            <h2>{secondReader ? t("finalCallTitle") : t("callTitle")}</h2>
            <CallChoice name="finalCall" />
            <ConfidenceSlider
              value={confidence}
              missing={confidenceMissing && confidence === null}
              onChange={(value) => {
                setConfidence(value);
                setConfidenceMissing(false);
              }}
            />
            {aided && !secondReader && (
              <label className="inline">
                <input type="checkbox" name="changedAfterAi" /> {t("changedAfterAi")}
              </label>
            )}
            {aided && (
              <label>
                {t("usefulness")}
                <select name="usefulness" defaultValue="" required>
                  <option value="" disabled>
                    —
                  </option>
                  {[1, 2, 3, 4, 5].map((score) => (
                    <option key={score} value={score}>
                      {t(`usefulnessScale.${score}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <ActionError failure={failure} />
            <button type="submit" disabled={pending} aria-busy={pending}>
              {t("submitRead")}
            </button>
          </form>
        )}
        <ConfirmButton
          label={t("abandon")}
          question={tForm("abandonQuestion")}
          confirmLabel={tForm("abandonConfirm")}
          pending={pending}
          onConfirm={() =>
            run(async () => {
              const result = await abandonReadAction({ readId });
              if (result.ok) router.push("/reading");
              return result;
            })
          }
        />
      </div>
    </div>
  );
}

function CallChoice({ name }: { name: string }) {
  const t = useTranslations("reading");
  return (
    <fieldset>
      <legend>{t("finding")}</legend>
      <label className="inline">
        <input type="radio" name={name} value="present" required /> {t("present")}
      </label>
      <label className="inline">
        <input type="radio" name={name} value="absent" /> {t("absent")}
      </label>
    </fieldset>
  );
}

function AiPanel({ output }: { output: AiOutput | null }) {
  const t = useTranslations("reading");
  if (!output) return <div className="panel ai-panel">{t("aiUnavailable")}</div>;
  const contributions = Object.entries(output.contributions).filter((entry): entry is [string, number] => entry[1] !== null);
  const scale = Math.max(0.05, ...contributions.map(([, value]) => Math.abs(value)));
  return (
    <div className="panel ai-panel" data-testid="ai-panel">
      <h2>{t("aiTitle")}</h2>
      <p>
        {t("probability")}: <strong data-testid="ai-probability">{(output.probability * 100).toFixed(1)}%</strong>
      </p>
      <AiCaveats caveats={output.caveats} />
      <h3>{t("contributions")}</h3>
      <p className="muted">{t("contributionsHelp")}</p>
      {contributions.map(([modality, value]) => (
        <div key={modality} className="stack" style={{ gap: "0.2rem" }}>
          <span>
            {t(`modalities.${modality}`)}: {value >= 0 ? "+" : ""}
            {(value * 100).toFixed(1)} {t("points")}
          </span>
          <div className={`bar${value < 0 ? " negative" : ""}`} style={{ width: `${(Math.abs(value) / scale) * 100}%` }} />
        </div>
      ))}
      <p className="muted">
        {output.model.name} {output.model.version} · {output.provider} · <Link href={`/models/${output.model.id}`}>{t("modelCard")}</Link>
      </p>
      {output.model.notForClinicalUse && <p className="badge">{t("notForClinicalUse")}</p>}
    </div>
  );
}
