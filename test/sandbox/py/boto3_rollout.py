"""boto3 end to end against an ecsx sandbox (botocore is independent of the JS SDK).

Registers a task definition, creates a 2-task rolling service with the circuit breaker on, waits
with boto3's own services_stable waiter, then makes the next image unpullable through the
sandbox's scenario control API, deploys it and waits for the circuit breaker to roll back.
Prints one JSON object with what it saw.

Run with AWS_ENDPOINT_URL (and test credentials) pointing at a sandbox running at a high time
scale (e.g. 120): simulated minutes then pass in real seconds, so polling is short.
"""
import json
import os
import sys
import time
import urllib.request

import boto3

ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
SERVICE = "py-web"
ecs = boto3.client("ecs", endpoint_url=ENDPOINT, region_name=os.environ.get("AWS_REGION", "us-east-1"))


def control(method, path, body=None):
    """Calls the sandbox control API (plain JSON over HTTP, unsigned)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{ENDPOINT}/_sandbox{path}", data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read() or b"null")


def register(image):
    return ecs.register_task_definition(
        family="py-web",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        containerDefinitions=[{"name": "app", "image": image, "portMappings": [{"containerPort": 80}]}],
    )["taskDefinition"]


def service():
    return ecs.describe_services(services=[SERVICE])["services"][0]


def until(probe, seconds=30.0):
    """Polls `probe` until it returns something truthy; fails after `seconds` of real time."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SystemExit(f"condition not met within {seconds}s")
        time.sleep(0.2)


def main():
    out = {}
    started = time.monotonic()
    first = register("public.ecr.aws/nginx/nginx:1.27")
    out["firstTaskDefinition"] = first["taskDefinitionArn"]
    ecs.create_service(
        serviceName=SERVICE,
        taskDefinition=first["taskDefinitionArn"],
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-0aaa"], "assignPublicIp": "ENABLED"}},
        deploymentConfiguration={
            "minimumHealthyPercent": 100,
            "maximumPercent": 200,
            "deploymentCircuitBreaker": {"enable": True, "rollback": True},
        },
    )
    # boto3's own waiter (DescribeServices acceptors from botocore's waiters-2.json).
    ecs.get_waiter("services_stable").wait(services=[SERVICE], WaiterConfig={"Delay": 1, "MaxAttempts": 40})
    svc = service()
    out["stable"] = {"runningCount": svc["runningCount"], "desiredCount": svc["desiredCount"], "deployments": len(svc["deployments"])}
    # Stable is not COMPLETED: the rollout completes once the new tasks count as healthy, and the
    # circuit breaker can only roll back to a COMPLETED deployment.
    until(lambda: service()["deployments"][0]["rolloutState"] == "COMPLETED")

    scenario = control("POST", "/ecs/scenarios", {"kind": "image-pull-failure", "match": {"image": ":broken"}})
    out["scenarioId"] = scenario["scenario"]["id"]
    broken = register("public.ecr.aws/nginx/nginx:broken")
    out["brokenTaskDefinition"] = broken["taskDefinitionArn"]
    ecs.update_service(service=SERVICE, taskDefinition=broken["taskDefinitionArn"])

    def rolled_back():
        sds = ecs.list_service_deployments(service=SERVICE)["serviceDeployments"]
        return sds if sds and sds[0]["status"] in ("ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED") else None

    latest = until(rolled_back)[0]
    detail = ecs.describe_service_deployments(serviceDeploymentArns=[latest["serviceDeploymentArn"]])["serviceDeployments"][0]
    out["serviceDeployment"] = {
        "status": detail["status"],
        "circuitBreaker": detail.get("deploymentCircuitBreaker", {}).get("status"),
        "failureCount": detail.get("deploymentCircuitBreaker", {}).get("failureCount"),
        "rollbackStarted": "startedAt" in detail.get("rollback", {}),
    }
    # The waiter again: the service is stable once the rollback has settled.
    ecs.get_waiter("services_stable").wait(services=[SERVICE], WaiterConfig={"Delay": 1, "MaxAttempts": 40})
    svc = service()
    out["final"] = {"taskDefinition": svc["taskDefinition"], "runningCount": svc["runningCount"], "deployments": len(svc["deployments"])}
    out["events"] = [e["message"] for e in svc["events"]]
    stopped = ecs.list_tasks(serviceName=SERVICE, desiredStatus="STOPPED")["taskArns"]
    tasks = ecs.describe_tasks(tasks=stopped)["tasks"] if stopped else []
    out["stoppedTasks"] = [
        {"taskDefinition": t["taskDefinitionArn"], "stopCode": t.get("stopCode"), "stoppedReason": t.get("stoppedReason"),
         "containerReason": t["containers"][0].get("reason")}
        for t in tasks
    ]
    out["seconds"] = round(time.monotonic() - started, 2)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
