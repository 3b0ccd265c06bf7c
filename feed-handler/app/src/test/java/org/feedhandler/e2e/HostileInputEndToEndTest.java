package org.feedhandler.e2e;

import org.agrona.concurrent.UnsafeBuffer;
import org.feedhandler.cli.Main;
import org.feedhandler.common.ExitCodes;
import org.feedhandler.config.JvmFlags;
import org.feedhandler.latency.MidnightClock;
import org.feedhandler.protocol.moldudp64.MoldUdp64;
import org.feedhandler.protocol.moldudp64.MoldUdp64PacketBuilder;
import org.feedhandler.protocol.pcap.PcapTestWriter;
import org.feedhandler.sim.MarketGenerator;
import org.feedhandler.status.CountersFileReader;
import org.feedhandler.transport.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler against a hostile sender: a genuine MoldUDP64 stream with datagrams in its middle
 * that a broken or malicious sender could put on the group. None of them may hang the receiver,
 * clear a book, declare a gap or go uncounted.
 */
@Tag("integration")
@Timeout(180)
class HostileInputEndToEndTest
{
    private static final long SEED = 77;
    private static final long MESSAGES = 60_000;
    private static final int RATE = 20_000;
    private static final String SESSION = "GENUINE001";
    private static final int FOREIGN_BURST = 200;
    private static final long[] FAR_AHEAD = {1L << 62, Long.MAX_VALUE};

    @TempDir
    Path dir;

    /**
     * Datagrams no honest sender sends: empty and 1-byte ones, messages, heartbeats and ends of
     * session far ahead, a block of 0xFFFF bytes, a count of 0xFFFE with nothing after the header,
     * and a burst of another session's packets.
     *
     * @param next a sequence number of the genuine session about to be sent (for the malformed ones).
     */
    static List<byte[]> hostileDatagrams(final long next)
    {
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        final List<byte[]> datagrams = new ArrayList<>();
        datagrams.add(new byte[0]);
        datagrams.add(new byte[1]);
        builder.session(MoldUdp64.sessionHigh(SESSION), MoldUdp64.sessionLow(SESSION));
        for (final long far : FAR_AHEAD)
        {
            builder.begin(far);
            builder.append(message, 0, 8);
            datagrams.add(bytes(packet, builder.length()));
            datagrams.add(bytes(packet, builder.heartbeat(far)));
            datagrams.add(bytes(packet, builder.endOfSession(far)));
        }
        builder.begin(next);
        builder.append(message, 0, 8);
        packet.putShort(MoldUdp64.HEADER_LENGTH, (short)0xFFFF, BIG_ENDIAN);
        datagrams.add(bytes(packet, builder.length()));
        MoldUdp64.putHeader(packet, 0, MoldUdp64.sessionHigh(SESSION), MoldUdp64.sessionLow(SESSION), next, 0xFFFE);
        datagrams.add(bytes(packet, MoldUdp64.HEADER_LENGTH));
        builder.session(MoldUdp64.sessionHigh("EVIL000001"), MoldUdp64.sessionLow("EVIL000001"));
        for (int i = 0; i < FOREIGN_BURST; i++)
        {
            builder.begin(1 + i);
            builder.append(message, 0, 8);
            datagrams.add(bytes(packet, builder.length()));
        }
        return datagrams;
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    @Test
    void shouldDeliverEveryGenuineMessageAroundHostileDatagramsCountThemAndStopOnSigterm() throws Exception
    {
        final InetSocketAddress group = Loopback.group();
        final InetSocketAddress server = Loopback.unusedPort(); // the publisher binds it once the handler runs
        final Properties props = E2e.udp(dir, group, null);
        props.setProperty("feed.udp.rcvbuf", "4m");
        props.setProperty("feed.recovery.server", E2e.endpoint(server));
        final Path config = dir.resolve("handler.properties");
        try (OutputStream out = Files.newOutputStream(config))
        {
            props.store(out, "hostile input end to end");
        }
        final Path counters = dir.resolve("counters.dat");
        final Path console = dir.resolve("console.txt");
        final Process child = JvmFlags.childJvm(Main.class, List.of("run", "--config", config.toString()))
            .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try
        {
            E2e.awaitTrue(() -> Files.exists(counters) || !child.isAlive(), 60_000, () -> read(console));
            assertTrue(child.isAlive(), read(console));
            final MidnightClock clock = new MidnightClock();
            try (E2e.Sender sender = new E2e.Sender(E2e.publisher(E2e.udpChannel(group, null), clock, SEED)
                .session(SESSION).rate(RATE).messages(MESSAGES).retransmitAddress(server));
                DatagramChannel attacker = DatagramChannel.open(StandardProtocolFamily.INET))
            {
                E2e.awaitTrue(() -> counter(counters, "messages") > MESSAGES / 4, 60_000, () -> read(console));
                // send(), not a connected write(): the JDK does not write an empty datagram, but sends one
                attacker.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(Loopback.INTERFACE));
                attacker.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
                for (final byte[] datagram : hostileDatagrams(counter(counters, "messages") + 2_000))
                {
                    assertEquals(datagram.length, attacker.send(ByteBuffer.wrap(datagram), group));
                }
                sender.result();
                E2e.awaitTrue(() -> counter(counters, "messages") == MESSAGES &&
                    counter(counters, "foreign session packets") == FOREIGN_BURST, 60_000,
                    () -> counters(counters) + "\n" + read(console));
            }

            final Map<String, Long> c = counters(counters);
            final String why = c + "\n" + read(console);
            assertEquals(MESSAGES, c.get("messages"), why);
            assertEquals(0, c.get("unrecovered messages"), why);
            assertEquals(0, c.get("stale books"), why);
            assertEquals(0, c.get("unknown message types"), why);
            assertEquals(FOREIGN_BURST, c.get("foreign session packets"), why);
            assertEquals(3L * FAR_AHEAD.length, c.get("implausible sequence packets"), why);
            assertEquals(4, c.get("malformed packets"), why);
            assertEquals(0, c.get("session changes"), why);
            assertEquals(0, c.get("end of session"), why);
            assertTrue(c.get("heartbeats") > 0, why);
            assertTrue(read(console).contains("implausible sequence number"), why);

            child.destroy();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), read(console));
            final String out = read(console);
            assertTrue(out.contains("fh: foreign session packets " + FOREIGN_BURST + "; implausible sequence packets " +
                3 * FAR_AHEAD.length + "; session changes 0; end of session 0"), out);
            assertEquals(ExitCodes.OK, child.exitValue(), "SIGTERM is a clean stop:\n" + out);
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReplayACaptureWithFarAheadSequenceNumbersAndFinish() throws Exception
    {
        final MarketGenerator generator = new MarketGenerator(SEED, 5, 10_000);
        final UnsafeBuffer packet = new UnsafeBuffer(new byte[1500]);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(packet, 1400)
            .session(MoldUdp64.sessionHigh(SESSION), MoldUdp64.sessionLow(SESSION));
        final PcapTestWriter pcap = new PcapTestWriter();
        final int group = 0xEFC20101; // 239.194.1.1
        long sequence = 1;
        // one frame every 10 us of capture time: the whole capture spans well under the session confirm time
        int frames = 0;
        for (int p = 0; p < 400; p++)
        {
            if (p == 200)
            {
                for (final byte[] datagram : hostileDatagrams(sequence))
                {
                    pcap.record(1, 10L * frames++, new PcapTestWriter.Frame().dst(group, 31001).payload(datagram).ethernet());
                }
            }
            builder.begin(sequence);
            while (builder.fits(64))
            {
                builder.append(message, 0, generator.next(message, 0, 1000 * sequence));
                sequence++;
            }
            pcap.record(1, 10L * frames++, new PcapTestWriter.Frame().dst(group, 31001)
                .payload(bytes(packet, builder.length())).ethernet());
        }
        final Path file = pcap.write(dir.resolve("hostile.pcap"));

        final long start = System.nanoTime();
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        final int exitCode = commandLine.execute("replay", file.toString(), "--format", "pcap");
        final long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        System.out.println("replay of a capture with far-ahead sequence numbers: " + micros + " us, command included\n" + out);

        final String text = out.toString();
        assertEquals(ExitCodes.OK, exitCode, text);
        assertTrue(text.contains(String.format("messages   %,d", sequence - 1)), text);
        assertTrue(text.contains("gaps 0 "), text);
        assertTrue(text.contains(String.format("implausible sequence packets %,d  foreign session packets %,d  " +
            "session changes 0", 3 * FAR_AHEAD.length, FOREIGN_BURST)), text);
    }

    private static long counter(final Path file, final String label)
    {
        final Long value = counters(file).get(label);
        return null == value ? -1 : value;
    }

    private static Map<String, Long> counters(final Path file)
    {
        final Map<String, Long> values = new HashMap<>();
        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            reader.countersReader().forEach((id, typeId, key, label) ->
                values.put(label, reader.countersReader().getCounterValue(id)));
        }
        catch (final IOException ex)
        {
            values.put("unreadable: " + ex.getMessage(), -1L);
        }
        return values;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
