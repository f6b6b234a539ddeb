import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { useAppStore } from './store/store';
import { loadDraft } from './run/draft';
import { wireEffects } from './run/wireEffects';
import { DEFAULT_SCENARIO } from './gallery/defaultScenario';
import './shell/app.css';

const draft = loadDraft();
const lang = /^zh\b/i.test(navigator.language) ? 'zh-CN' : 'en';
useAppStore.setState({ manifests: draft?.manifests ?? DEFAULT_SCENARIO.manifests, actions: draft?.actions ?? [], lang });
wireEffects();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
