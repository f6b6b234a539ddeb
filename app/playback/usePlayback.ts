// Playback: the play loop (virtual seconds per real second) and the keyboard shortcuts of the test
// contract, active anywhere except while the editor or the console input has focus.
import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import { changeTimes } from '../timeline/deriveLanes';

export function stepToChange(direction: 1 | -1): void {
  const { trace, t, setT } = useAppStore.getState();
  if (!trace) return;
  const times = changeTimes(trace);
  const next = direction > 0 ? times.find((x) => x > t) : [...times].reverse().find((x) => x < t);
  if (next !== undefined) setT(next);
}

function typingTarget(el: Element | null): boolean {
  if (!el) return false;
  if (el.closest('[data-testid="editor"]') || el.closest('[data-testid="console-input"]')) return true;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

export function usePlaybackKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingTarget(document.activeElement) || e.ctrlKey || e.metaKey || e.altKey) return;
      const st = useAppStore.getState();
      if (!st.trace) return;
      let handled = true;
      if (e.key === 'Home') st.setT(0);
      else if (e.key === 'End') st.setT(st.trace.until);
      else if (e.key === 'ArrowRight') { if (e.shiftKey) st.setT(st.t + 1000); else stepToChange(1); }
      else if (e.key === 'ArrowLeft') { if (e.shiftKey) st.setT(st.t - 1000); else stepToChange(-1); }
      else if (e.key === ' ') st.setPlaying(!st.playing);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function usePlayLoop(): void {
  const playing = useAppStore((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const st = useAppStore.getState();
      const until = st.trace?.until ?? 0;
      const next = st.t + (now - last) * st.speed;
      last = now;
      if (next >= until) { st.setT(until); st.setPlaying(false); return; }
      st.setT(next);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);
}
