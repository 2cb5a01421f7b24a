local ecs = import '../../lib/ecs.libsonnet';

ecs.service(desiredCount=2) + { healthCheckGracePeriodSeconds: 30 }
