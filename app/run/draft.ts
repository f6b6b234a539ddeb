// The learner's local draft: saved on every change, restored on the next visit.
import type { ActionInput } from '../../engine/index';

const KEY = 'icp.draft.v1';

export interface Draft {
  manifests: string;
  actions: ActionInput[];
}

export function saveDraft(draft: Draft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the session still works, only the reload memory is lost.
  }
}

export function loadDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.manifests !== 'string' || !Array.isArray(d.actions)) return null;
    const actions = d.actions.filter((a): a is ActionInput => !!a && typeof a.atMs === 'number' && typeof a.run === 'string');
    return { manifests: d.manifests, actions };
  } catch {
    return null;
  }
}
