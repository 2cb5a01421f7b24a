import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { ms } from './names.js';
import type { MonitorSource } from './types.js';

/**
 * How far a deployment's server-side `createdAt` may precede our own `deploymentStartedAt` and still
 * be ours: local and AWS clocks differ a little. Deployments older than this are someone else's.
 */
export const CLOCK_SKEW_MS = 30_000;

/** After this many consecutive failures the ServiceDeployments API is given up for this watch. */
const MAX_SD_ERRORS = 3;

/**
 * How long to look for the change's ServiceDeployment before following deployments[] only
 * (ecspresso gives up after 10 s; ListServiceDeployments is eventually consistent, so a little more).
 */
export const SD_DISCOVERY_MS = 30_000;

/**
 * Finds and follows the ServiceDeployment of the watched change. Discovery tries the service's
 * `currentServiceDeployment`, then the newest ListServiceDeployments entry, accepting only one
 * created after the change started (minus clock skew); once found, the ARN is kept, so a later
 * deployment by someone else does not switch what is watched. Without the optional source
 * methods, or when the API keeps failing (not offered in the Region), it reports nothing.
 */
export class ServiceDeploymentTracker {
  private arn?: string;
  private errors = 0;
  private disabled = false;
  private firstTry?: number;
  /** The last error, for diagnostics. */
  lastError?: unknown;

  constructor(
    private readonly source: MonitorSource,
    private readonly startedAt: number | undefined,
    /** Told once when the API is given up, with the last error. */
    private readonly onDisable?: (err: unknown) => void | Promise<void>,
  ) {}

  /** Whether the ServiceDeployments API is in use. */
  get available(): boolean {
    return !this.disabled && this.source.describeServiceDeployment !== undefined;
  }

  /** The locked ServiceDeployment ARN, once discovered. */
  get lockedArn(): string | undefined {
    return this.arn;
  }

  private accept(sd: ServiceDeployment | undefined): boolean {
    if (!sd) return false;
    const created = ms(sd.createdAt);
    return this.startedAt === undefined || created === undefined || created >= this.startedAt - CLOCK_SKEW_MS;
  }

  /** The watched ServiceDeployment for this poll (at `now`), or undefined (not found yet, or API unavailable). */
  async read(service: Service, now: number): Promise<ServiceDeployment | undefined> {
    const describe = this.source.describeServiceDeployment?.bind(this.source);
    if (!describe || this.disabled) return undefined;
    this.firstTry ??= now;
    try {
      const sd = this.arn ? await describe(this.arn) : await this.discover(service, describe);
      this.errors = 0;
      if (!sd && !this.arn && now - this.firstTry >= SD_DISCOVERY_MS) {
        this.disabled = true;
        await this.onDisable?.(new Error(`no service deployment for this change after ${SD_DISCOVERY_MS / 1000}s`));
      }
      return sd;
    } catch (err) {
      this.lastError = err;
      if (++this.errors >= MAX_SD_ERRORS) {
        this.disabled = true;
        await this.onDisable?.(err);
      }
      return undefined;
    }
  }

  private async discover(service: Service, describe: (arn: string) => Promise<ServiceDeployment | undefined>): Promise<ServiceDeployment | undefined> {
    const tried = new Set<string>();
    const current = service.currentServiceDeployment;
    if (current) {
      tried.add(current);
      const sd = await describe(current);
      if (this.accept(sd)) return this.lock(current, sd!);
    }
    if (!this.source.listServiceDeployments) return undefined;
    const briefs = (await this.source.listServiceDeployments())
      .filter((b) => b.serviceDeploymentArn && !tried.has(b.serviceDeploymentArn))
      .filter((b) => this.startedAt === undefined || (ms(b.createdAt) ?? Infinity) >= this.startedAt - CLOCK_SKEW_MS)
      .sort((a, b) => (ms(b.createdAt) ?? 0) - (ms(a.createdAt) ?? 0));
    const newest = briefs[0]?.serviceDeploymentArn;
    if (!newest) return undefined;
    const sd = await describe(newest);
    return this.accept(sd) ? this.lock(newest, sd!) : undefined;
  }

  private lock(arn: string, sd: ServiceDeployment): ServiceDeployment {
    this.arn = arn;
    return sd;
  }
}
