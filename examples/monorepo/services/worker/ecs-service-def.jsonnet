local ecs = import '../../lib/ecs.libsonnet';

ecs.service(desiredCount=1)
