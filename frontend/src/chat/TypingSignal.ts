// Typing announcements for one room: true at most every 3 s while keys are pressed, false
// once on send or blur (the server only relays changes; others expire us after 6 s).

export const TYPING_EVERY_MS = 3_000;

export class TypingSignal {
  private lastTrue = 0;
  private active = false;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  input(): void {
    const t = this.now();
    if (!this.active || t - this.lastTrue >= TYPING_EVERY_MS) {
      this.lastTrue = t;
      this.active = true;
      this.emit(true);
    }
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.lastTrue = 0;
    this.emit(false);
  }
}
