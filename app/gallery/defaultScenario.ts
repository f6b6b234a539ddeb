// The scenario a first visit opens (from the sequential-sleeps article example), so the timeline
// has lanes before any input.
export const DEFAULT_SCENARIO = {
  title: {"en": "Init containers run one at a time", "zh-CN": "初始化容器按顺序逐一执行"},
  manifests: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: init-containers-pattern-example\nspec:\n  initContainers:\n  - name: first-container\n    image: lqshow/busybox-curl:1.28\n    command: ['sh', '-c', \"echo waiting for first-container; sleep 2;\"]\n  - name: second-container\n    image: lqshow/busybox-curl:1.28\n    command: ['sh', '-c', \"echo waiting for second-container; sleep 5;\"]\n  containers:\n  - name: app-container\n    image: lqshow/busybox-curl:1.28\n    command: ['sh', '-c', 'echo The app is running! && sleep 3600']\n",
} as const;
