// What every service in this repository shares: logging, the network, the execution role and
// the deployment settings. Each service's definitions import this and add only what differs.
local must_env = std.native('must_env');
local env = std.native('env');

{
  region:: env('AWS_REGION', 'us-east-1'),

  container(name, image, port=null, command=null):: {
    name: name,
    image: image,
    essential: true,
    [if port != null then 'portMappings']: [{ containerPort: port, protocol: 'tcp' }],
    [if command != null then 'command']: command,
    environment: [
      { name: 'SERVICE', value: name },
      { name: 'APP_ENV', value: env('APP_ENV', 'production') },
    ],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/monorepo/' + name,
        'awslogs-region': $.region,
        'awslogs-stream-prefix': name,
        'awslogs-create-group': 'true',
      },
    },
  },

  taskDefinition(family, containers, cpu='256', memory='512'):: {
    family: family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: cpu,
    memory: memory,
    executionRoleArn: must_env('EXECUTION_ROLE_ARN'),
    containerDefinitions: containers,
  },

  service(desiredCount):: {
    launchType: 'FARGATE',
    desiredCount: desiredCount,
    deploymentConfiguration: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: std.split(must_env('SUBNET_IDS'), ','),
        securityGroups: [must_env('SECURITY_GROUP_ID')],
        assignPublicIp: 'DISABLED',
      },
    },
  },
}
