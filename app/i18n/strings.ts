// Interface strings in English and Simplified Chinese. Kubernetes' own words (STATUS values,
// reasons, kubectl output) are never translated: learners must recognise them on a real cluster.
import { useAppStore, selectLang } from '../store/store';

const en = {
  product: 'Init Container Playground',
  tagline: 'Edit the YAML, watch the kubelet run your init containers.',
  editor: 'Manifests',
  loadingEditor: 'Loading the editor…',
  timeline: 'Timeline',
  play: 'Play',
  pause: 'Pause',
  prevChange: 'Previous change',
  nextChange: 'Next change',
  toStart: 'To start',
  toEnd: 'To end',
  speed: 'Speed',
  stale: 'Showing the last run that worked: the current text cannot be read.',
  noPods: 'No pods in this run.',
  morePods: 'Showing the first {shown} of {total} pods (in the order they were created).',
  locale: 'en-US',
  diagnostics: 'Problems',
  noProblems: 'No problems.',
  simulating: 'Simulating…',
  lane: { init: 'init', sidecar: 'sidecar', app: 'app' },
  line: 'line',
  language: '中文',
  keys: 'Keys: Space play/pause · ←/→ previous/next change · Shift+←/→ ±1 s · Home/End',
} as const;

type Strings = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { readonly [L in keyof (typeof en)[K]]: string } };

const zh: Strings = {
  product: '初始化容器演练场',
  tagline: '编辑 YAML，观察 kubelet 如何运行初始化容器。',
  editor: '清单',
  loadingEditor: '正在加载编辑器…',
  timeline: '时间线',
  play: '播放',
  pause: '暂停',
  prevChange: '上一个变化',
  nextChange: '下一个变化',
  toStart: '回到开始',
  toEnd: '跳到结尾',
  speed: '速度',
  stale: '当前文本无法解析，显示的是上一次成功的运行结果。',
  noPods: '本次运行没有 Pod。',
  morePods: '仅显示最先创建的 {shown} 个 Pod（共 {total} 个）。',
  locale: 'zh-CN',
  diagnostics: '问题',
  noProblems: '没有问题。',
  simulating: '模拟中…',
  lane: { init: '初始化', sidecar: 'sidecar', app: '应用' },
  line: '行',
  language: 'English',
  keys: '快捷键：空格 播放/暂停 · ←/→ 上/下一个变化 · Shift+←/→ ±1 秒 · Home/End',
};

export const STRINGS: Record<'en' | 'zh-CN', Strings> = { en, 'zh-CN': zh };

export function useStrings(): Strings {
  return STRINGS[useAppStore(selectLang)];
}
