local ecs = import '../../lib/ecs.libsonnet';
local tag = std.native('must_env')('IMAGE_TAG');

ecs.taskDefinition('monorepo-worker', [
  ecs.container('worker', 'busybox:' + tag, command=['sh', '-c', 'while true; do echo working; sleep 30; done']),
], cpu='512', memory='1024')
