// Playback icons as inline SVG (no icon font, nothing fetched; renders the same on every machine).
const PATHS = {
  start: 'M5 4h2v16H5zM20 4v16L9 12z',
  prev: 'M4 4h2v16H4zM18 4v16L8 12z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  next: 'M18 4h2v16h-2zM6 4v16l10-8z',
  end: 'M17 4h2v16h-2zM4 4v16l11-8z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
