import { describe, expect, it } from "vitest";
import { ActiveTimer } from "./active-timer";

describe("ActiveTimer", () => {
  it("counts all time as active while the reader keeps working", () => {
    const timer = new ActiveTimer(0, 60_000);
    timer.input(30_000);
    expect(timer.read(50_000)).toEqual({ totalMs: 50_000, activeMs: 50_000, paused: false });
  });

  it("pauses while the tab is hidden", () => {
    const timer = new ActiveTimer(0);
    timer.setVisible(false, 10_000);
    timer.setVisible(true, 70_000);
    expect(timer.read(80_000)).toEqual({ totalMs: 80_000, activeMs: 20_000, paused: false });
  });

  it("stops counting after the idle threshold and resumes on input", () => {
    const timer = new ActiveTimer(0, 60_000);
    timer.input(10_000);
    expect(timer.read(200_000)).toEqual({ totalMs: 200_000, activeMs: 70_000, paused: true });
    timer.input(300_000);
    expect(timer.read(310_000)).toEqual({ totalMs: 310_000, activeMs: 80_000, paused: false });
  });

  it("never reports more active than total time", () => {
    const timer = new ActiveTimer(1_000);
    for (let t = 2_000; t < 500_000; t += 37_000) {
      if (t % 3 === 0) timer.setVisible(t % 2 === 0, t);
      else timer.input(t);
      const { totalMs, activeMs } = timer.read(t);
      expect(activeMs).toBeLessThanOrEqual(totalMs);
    }
  });
});
