// Composition root: config → loggers → store → Bolt app → listeners → start. Nothing else
// lives here; everything it wires is built and tested on its own.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { App, HTTPReceiver, type LogLevel, webApi } from '@slack/bolt';
import { type Config, DEFAULT_FOLLOW_UP_GIVE_UP_HOURS } from './config.js';
import { createTokenCipher } from './crypto/token-cipher.js';
import type { FollowUp, Rejection, RejectionEntry } from './domain/types.js';
import { errorCode, rootCause } from './error-code.js';
import { ErrorCode, ReboundError } from './errors.js';
import { InFlight } from './in-flight.js';
import { DATA_RETENTION_CRON, runDataRetention } from './jobs/data-retention.js';
import { DRAFT_EXPIRY_CRON, runDraftExpiry } from './jobs/draft-expiry.js';
import type { FollowUpJobDeps, FollowUpJobOptions, TickReport } from './jobs/follow-up-job.js';
import { runDueFollowUps, sendFollowUpNow } from './jobs/follow-up-job.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { createLoggers, type Loggers, type LogSink } from './logger.js';
import { resealAnswersPass, sayHowAnswersAreStored } from './seal-answers.js';
import { composeFollowUpDm } from './slack/follow-ups/compose.js';
import { createFollowUpSender } from './slack/follow-ups/sender.js';
import { createTeamRoutedSender } from './slack/follow-ups/team-routed-sender.js';
import { registerFeatures } from './slack/index.js';
import { answerUnauthorizedForms, guardAuthorize } from './slack/installs/authorize-guard.js';
import type { Distribution } from './slack/installs/distribution.js';
import type { ResealReport } from './slack/installs/reseal-installations.js';
import { createReadiness } from './slack/platform/health.js';
import { createPublicServer, type PublicServer } from './slack/platform/http-server.js';
import { createProfileNames } from './slack/platform/profile-name.js';
import { processEventErrorHandler } from './slack/platform/request-errors.js';
import { createRequestGuard } from './slack/platform/request-guard.js';
import { createTeamInstalls } from './slack/platform/team-installed.js';
import { createTimeZones } from './slack/platform/time-zones.js';
import {
  interactiveClientOptions,
  jobCallTimeoutMs,
  jobClientOptions,
  type SlackApi,
} from './slack/platform/web-api-options.js';
import { createStore } from './store/index.js';
import type { Store } from './store/store.js';

export interface ReboundOptions {
  /** The app's clock; tests pass their own. */
  clock?: () => Date;
  logSink?: LogSink;
  /** Web API retries. Interactive work must finish within Slack's 3 s, so keep this small. */
  slackRetries?: number;
  /** How long shutdown waits for listener work in flight. */
  drainTimeoutMs?: number;
  followUps?: Partial<FollowUpJobOptions> & {
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
  };
  /** How long a request may take to arrive (default 10 s); tests shorten it. */
  requestTimeoutMs?: number;
  /** Send what fell due while the app was down as soon as it starts (default true). */
  catchUpAtStart?: boolean;
}

export interface RunningRebound {
  app: App;
  store: Store;
  /** The port actually listened on: HTTP mode, or Socket Mode's health checks; else null. */
  port: number | null;
  /** Runs one follow-up tick now (what the scheduler does on each cron tick). */
  runFollowUps(now: Date): Promise<TickReport>;
  /** One re-encryption pass now (what the hourly tick does): answers, and installations when distributed (else null). */
  resealTokens(): Promise<ResealReport | null>;
  /** Resolves once the listener work running now has finished (what tests wait on for "nothing happened"). */
  settled(): Promise<void>;
  /** Stops taking work, finishes what is in flight, closes the store. */
  stop(): Promise<void>;
}

export async function startRebound(config: Config, options: ReboundOptions = {}): Promise<RunningRebound> {
  const loggers = createLoggers(config.logLevel, options.logSink);
  const logger = loggers.app;
  const clock = options.clock ?? (() => new Date());
  const keys = config.encryptionKeys ?? config.distribution?.tokenKeys;
  const store = await createStore(config.databaseUrl ?? undefined, {
    logger,
    cipher: keys ? createTokenCipher(keys.current, keys.retired, keys.next ?? null) : null,
  });
  try {
    return await startOnStore(config, options, { loggers, clock, store });
  } catch (error) {
    // Whatever fails after the store opened (OAuth set-up, a refused token, a port in use)
    // must not leave the database open behind a process that is about to exit.
    await store.close();
    throw error;
  }
}

async function startOnStore(
  config: Config,
  options: ReboundOptions,
  { loggers, clock, store }: { loggers: Loggers; clock: () => Date; store: Store },
): Promise<RunningRebound> {
  const logger = loggers.app;
  const inFlight = new InFlight();
  sayHowAnswersAreStored(store, logger);
  let accepting = false;
  // Set once shutdown begins: the follow-up job claims nothing more.
  let shuttingDown = false;

  const readiness = createReadiness({ ping: () => store.ping(), accepting: () => accepting, logger });

  const slackApi: SlackApi = { apiUrl: config.slack.apiUrl, slackLogger: loggers.slack };
  // A Slack call must end well inside the lease it started under (the job extends the lease
  // before each call), so the job client's timeout is a third of the lease at most.
  const leaseMs = config.followUpLeaseSeconds * 1000;
  const callTimeoutMs = jobCallTimeoutMs(leaseMs);
  let distribution: Distribution | null = null;
  if (config.distribution) {
    if (config.mode !== 'http') {
      throw new ReboundError(ErrorCode.ConfigInvalid, 'Distributed mode (OAuth) needs HTTP mode.');
    }
    // Loaded only when distributed: the OAuth pages and installation store are not needed otherwise.
    const { startDistribution } = await import('./slack/installs/distribution.js');
    distribution = await startDistribution({
      distribution: config.distribution,
      botToken: config.slack.botToken,
      store,
      clock,
      logger,
      slackApi,
      jobCallTimeoutMs: callTimeoutMs,
    });
  }

  const common = {
    // Distributed mode: no token here; Bolt authorizes each request with its workspace's installation.
    token: distribution ? undefined : (config.slack.botToken ?? undefined),
    // init() below runs auth.test up front, so a bad token fails start-up, not the first request.
    deferInitialization: true,
    // Bolt's default conversation store looks up (and, when missing, throws an Error for)
    // every request's channel; Rebound keeps no conversation state.
    convoStore: false as const,
    logger: loggers.slack,
    logLevel: config.logLevel as LogLevel,
    clientOptions: interactiveClientOptions(slackApi, options.slackRetries),
  };
  const receiver =
    config.mode === 'http'
      ? new HTTPReceiver({
          signingSecret: config.slack.signingSecret ?? '',
          // The request guard has checked the signature, its age and that it is new before
          // Bolt reads a byte (http-server.ts), and nothing reaches /slack/events around it.
          // Bolt's own check decoded, parsed and hashed every body a second time.
          signatureVerification: false,
          logger: loggers.slack,
          processEventErrorHandler,
          ...distribution?.receiverOptions,
        })
      : null;
  // Distributed: a database failure while authorizing a form keeps the form open.
  if (distribution && receiver?.installer) guardAuthorize(receiver.installer);
  const app = !receiver
    ? new App({
        ...common,
        socketMode: true,
        appToken: config.slack.appToken ?? undefined,
        signingSecret: config.slack.signingSecret ?? undefined,
      })
    : new App({ ...common, receiver });

  // auth.test runs while the listeners are registered; it is awaited before the port opens.
  const initialized = app.init().then(
    () => null,
    (error: unknown) => error,
  );

  // One bot token: every DM goes out with it. Distributed: each with its workspace's token.
  const sender = distribution
    ? createTeamRoutedSender(distribution.teamClients)
    : createFollowUpSender(
        new webApi.WebClient(config.slack.botToken ?? undefined, jobClientOptions(slackApi, callTimeoutMs)),
      );
  const { sleep, random, ...jobOptions } = options.followUps ?? {};
  const followUpDeps: FollowUpJobDeps = {
    store,
    sender,
    // Discreet unless the person turned details on: their settings shape the DM's text.
    compose: async (followUp: FollowUp, rejection: Rejection, entries: RejectionEntry[]) =>
      composeFollowUpDm(followUp, rejection, entries, await store.getPrivacySettings(followUp.scope)),
    logger,
    // This instance's name on the leases it takes.
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    clock,
    ...(sleep ? { sleep } : {}),
    ...(random ? { random } : {}),
    stopping: () => shuttingDown,
    options: {
      leaseMs,
      callTimeoutMs,
      giveUpAfterMs: (config.followUpGiveUpHours ?? DEFAULT_FOLLOW_UP_GIVE_UP_HOURS) * 3_600_000,
      ...jobOptions,
    },
  };
  // Every listener runs inside the tracker, so shutdown can wait for it.
  app.use(({ next }) => inFlight.track(next));
  if (distribution) app.use(answerUnauthorizedForms(logger));
  const profileNames = createProfileNames(logger);
  registerFeatures(app, {
    store,
    clock,
    logger,
    timeZones: createTimeZones({ store, logger, names: profileNames }),
    profileNames,
    teamInstalls: createTeamInstalls({ store, clock, logger }),
    ...(distribution ? { installations: distribution.forgetter } : {}),
    draftExpiryDays: config.draftExpiryDays,
    answersSealed: store.answersSealed,
    sendFollowUpNow: async (id) => {
      await sendFollowUpNow(followUpDeps, id, clock());
    },
  });
  app.error(async (error) => {
    // Distributed mode: a request from a workspace without an installation (e.g. just uninstalled).
    if (error.code === 'slack_bolt_authorization_error') {
      logger.warn('A request was not authorized:', errorCode(rootCause(error)));
      return;
    }
    const original = (error as { original?: unknown }).original ?? error;
    logger.error('A listener failed:', errorCode(original));
  });

  const refused = await initialized;
  if (refused) {
    throw new ReboundError(
      ErrorCode.ConfigInvalid,
      `Slack did not accept SLACK_BOT_TOKEN (${errorCode(refused)}). Copy the Bot User OAuth Token again from your app's "OAuth & Permissions" page.`,
      { cause: refused },
    );
  }

  // HTTP mode: our server, Bolt's request listener behind its guard (Bolt's own start() is
  // not used). Socket Mode: Bolt's connection, and health checks on PORT when it is set.
  let publicServer: PublicServer | null = null;
  let port: number | null = null;
  if (receiver) {
    publicServer = createPublicServer({
      readiness,
      logger,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      slack: {
        guard: createRequestGuard({ signingSecret: config.slack.signingSecret ?? '' }),
        listener: receiver.requestListener,
      },
    });
    port = await publicServer.listen(config.port);
  } else {
    await app.start();
    if (config.healthPort != null) {
      publicServer = createPublicServer({
        readiness,
        logger,
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      });
      port = await publicServer.listen(config.healthPort).catch(async (error: unknown) => {
        await app.stop();
        throw error;
      });
    }
  }
  const runFollowUps = (now: Date) => runDueFollowUps(followUpDeps, now);
  // One re-encryption pass: answers, and installations when distributed. Run once the app
  // listens, hourly when distributed, and on demand (resealTokens).
  const resealTokens = async () => {
    await resealAnswersPass(store, logger);
    return distribution ? distribution.reseal() : null;
  };
  const jobRuntime = { clock, logger };
  const scheduler: Scheduler = startScheduler(
    {
      name: 'follow-ups',
      cron: config.followUpCron,
      tick: runFollowUps,
      runAtStart: options.catchUpAtStart ?? true,
    },
    jobRuntime,
  );
  // Daily: deletes the data of workspaces uninstalled more than DATA_RETENTION_DAYS ago. Not
  // at start: nothing there is urgent, and start-up belongs to the follow-ups' catch-up.
  const retention: Scheduler = startScheduler(
    {
      name: 'data-retention',
      cron: DATA_RETENTION_CRON,
      tick: (now) => runDataRetention({ store, logger, retentionDays: config.dataRetentionDays, clock }, now),
      runAtStart: false,
    },
    jobRuntime,
  );
  const drafts: Scheduler = startScheduler(
    {
      name: 'draft-expiry',
      cron: DRAFT_EXPIRY_CRON,
      tick: (now) => runDraftExpiry({ store, logger, expiryDays: config.draftExpiryDays }, now),
      runAtStart: false,
    },
    jobRuntime,
  );
  // Distributed mode: keep re-encrypting what retired keys hold, for rows other instances
  // of a rolling deploy sealed with the old key after this one started.
  const reseal: Scheduler | null = distribution
    ? startScheduler(
        {
          name: 'token-reseal',
          cron: (await import('./slack/installs/reseal-installations.js')).RESEAL_CRON,
          tick: resealTokens,
          runAtStart: false,
        },
        jobRuntime,
      )
    : null;
  accepting = true;
  // Re-sealing what older keys hold need not hold up readiness: every row still opens with
  // the retired keys meanwhile, and a request's own writes seal with the current key. It is
  // tracked like listener work, so settled() and stop() wait for it; a failure is logged by
  // code and the next pass (the next start, or the hourly tick when distributed) redoes it.
  void inFlight.track(async () => {
    try {
      await resealTokens();
    } catch (error) {
      logger.error('Re-sealing stored data at start failed:', errorCode(error));
    }
  });
  logger.info(
    config.mode === 'http'
      ? `Rebound is listening on port ${port} (HTTP mode${distribution ? ', distributed: install at /slack/install' : ''}).`
      : `Rebound is connected to Slack (Socket Mode${port === null ? '' : `; health checks on port ${port}`}).`,
  );

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      accepting = false;
      shuttingDown = true;
      // The tick in flight finishes what it started (each Slack call is bounded by its
      // timeout) but claims nothing new; the whole stop is bounded by the drain timeout.
      const drainMs = options.drainTimeoutMs ?? 10_000;
      const ticks = Promise.all([scheduler.stop(), retention.stop(), drafts.stop(), reseal?.stop()]);
      if (!(await settlesWithin(ticks, drainMs)))
        logger.warn('Stopped before the follow-up tick finished; its leases will be taken over.');
      if (publicServer) await publicServer.close();
      if (!receiver) await app.stop();
      const left = await inFlight.drain(drainMs);
      if (left > 0) logger.warn(`Stopped with ${left} listener(s) still running.`);
      await store.close();
      logger.info('Rebound stopped.');
    })();
    return stopping;
  };

  const settled = async () => {
    await inFlight.drain(options.drainTimeoutMs ?? 10_000);
  };
  return { app, store, port, runFollowUps, resealTokens, settled, stop };
}

/** True if `work` settled within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
