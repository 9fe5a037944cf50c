/**
 * Measures a read: total time since the case was shown, and active time, which pauses while the tab
 * is hidden or the reader has been idle longer than `idleAfterMs`. Pure (the clock is injected) so
 * the reading screen's timing is unit-tested.
 */
export class ActiveTimer {
  private readonly startedAt: number;
  private activeMs = 0;
  private activeSince: number | null;
  private lastInputAt: number;
  private visible = true;

  constructor(
    now: number,
    private readonly idleAfterMs = 60_000,
  ) {
    this.startedAt = now;
    this.activeSince = now;
    this.lastInputAt = now;
  }

  /** Call on pointer, key or wheel input. Input after an idle pause resumes active time. */
  input(now: number): void {
    this.settleIdle(now);
    this.lastInputAt = now;
    if (this.visible && this.activeSince === null) this.activeSince = now;
  }

  setVisible(visible: boolean, now: number): void {
    this.settleIdle(now);
    if (!visible && this.activeSince !== null) {
      this.activeMs += now - this.activeSince;
      this.activeSince = null;
    }
    this.visible = visible;
    if (visible) this.input(now);
  }

  read(now: number): { totalMs: number; activeMs: number; paused: boolean } {
    this.settleIdle(now);
    const running = this.activeSince === null ? 0 : now - this.activeSince;
    return { totalMs: Math.round(now - this.startedAt), activeMs: Math.round(this.activeMs + running), paused: this.activeSince === null };
  }

  // Idle time counts as active only up to the idle threshold (the reader may be studying the image).
  private settleIdle(now: number): void {
    if (this.activeSince === null) return;
    const idleFrom = this.lastInputAt + this.idleAfterMs;
    if (now > idleFrom) {
      this.activeMs += Math.max(0, idleFrom - this.activeSince);
      this.activeSince = null;
    }
  }
}
