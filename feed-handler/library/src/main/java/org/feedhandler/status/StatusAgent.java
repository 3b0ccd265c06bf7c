package org.feedhandler.status;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.feedhandler.common.ProcNetSnmp;

/**
 * Non-critical agent that keeps the counters file's heartbeat fresh and the kernel receive-buffer drops
 * counter current (read from {@link ProcNetSnmp}, which allocates: never on the hot thread).
 */
public final class StatusAgent implements Agent
{
    public static final String ROLE_NAME = "fh-status";
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 500;
    public static final long DEFAULT_SNMP_INTERVAL_MS = 1_000;

    private final CountersFile countersFile;
    private final ProcNetSnmp snmp;
    private final AtomicCounter kernelDrops;
    private final EpochClock clock;
    private final long heartbeatIntervalMs;
    private final long snmpIntervalMs;
    private long nextHeartbeatMs;
    private long nextSnmpMs;

    /**
     * @param countersFile to heartbeat.
     * @param snmp         source of the kernel's RcvbufErrors, baseline taken at the start of the run.
     * @param kernelDrops  counter to publish the growth of RcvbufErrors to.
     * @param clock        the wall clock.
     */
    public StatusAgent(
        final CountersFile countersFile, final ProcNetSnmp snmp, final AtomicCounter kernelDrops, final EpochClock clock)
    {
        this(countersFile, snmp, kernelDrops, clock, DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_SNMP_INTERVAL_MS);
    }

    public StatusAgent(
        final CountersFile countersFile,
        final ProcNetSnmp snmp,
        final AtomicCounter kernelDrops,
        final EpochClock clock,
        final long heartbeatIntervalMs,
        final long snmpIntervalMs)
    {
        this.countersFile = countersFile;
        this.snmp = snmp;
        this.kernelDrops = kernelDrops;
        this.clock = clock;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.snmpIntervalMs = snmpIntervalMs;
    }

    public int doWork()
    {
        final long nowMs = clock.time();
        int work = 0;
        if (nowMs >= nextHeartbeatMs)
        {
            countersFile.heartbeat();
            nextHeartbeatMs = nowMs + heartbeatIntervalMs;
            work++;
        }
        if (nowMs >= nextSnmpMs)
        {
            final long drops = snmp.rcvbufErrorsDelta();
            if (drops >= 0)
            {
                kernelDrops.setRelease(drops);
            }
            nextSnmpMs = nowMs + snmpIntervalMs;
            work++;
        }
        return work;
    }

    public String roleName()
    {
        return ROLE_NAME;
    }
}
