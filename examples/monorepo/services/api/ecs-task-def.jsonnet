local ecs = import '../../lib/ecs.libsonnet';
local tag = std.native('must_env')('IMAGE_TAG');

ecs.taskDefinition('monorepo-api', [ecs.container('api', 'nginx:' + tag, port=80)])
