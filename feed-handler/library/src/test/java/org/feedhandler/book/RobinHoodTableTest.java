package org.feedhandler.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobinHoodTableTest
{
    private static final int MAX_SLOTS = 1 << 16;

    @Test
    void shouldFindEveryKeyWhileTheTableDoublesAFewHomeSlotsAtATime()
    {
        // the level table's hash on random books and prices, so keys cluster as a book's levels do;
        // inserts, deletes and lookups interleave with the split steps, checked against a HashMap
        final RobinHoodTable table = new RobinHoodTable(MAX_SLOTS, LevelTable::levelHash);
        final Map<Long, Integer> model = new HashMap<>();
        final List<Long> keys = new ArrayList<>();
        final Random random = new Random(42);
        int doublings = 0;
        int lastSize = table.slotsInUse();
        boolean sawSplitting = false;
        for (int op = 0; op < 200_000; op++)
        {
            table.split();
            sawSplitting |= table.isSplitting();
            final boolean grow = model.size() < MAX_SLOTS / 2 - 1 && (keys.isEmpty() || random.nextInt(10) < 6);
            if (grow)
            {
                final long key = ((long)random.nextInt(200) << 32) | (1_000_000 + random.nextInt(50_000) * 100L);
                final int slot = table.find(key, table.homeOf(LevelTable.levelHash(key)));
                if (table.slots[slot + 1] != 0)
                {
                    assertTrue(model.containsKey(key), "found a key never inserted");
                    continue;
                }
                assertFalse(model.containsKey(key), "lost key " + key);
                assertTrue(table.insert(key, table.homeOf(LevelTable.levelHash(key)), op));
                model.put(key, op);
                keys.add(key);
            }
            else
            {
                final int at = random.nextInt(keys.size());
                final long key = keys.get(at);
                keys.set(at, keys.get(keys.size() - 1));
                keys.remove(keys.size() - 1);
                final int slot = table.find(key, table.homeOf(LevelTable.levelHash(key)));
                assertEquals(model.remove(key) + 1L, table.slots[slot + 1] & 0xFFFF_FFFFL, "value of " + key);
                table.delete(slot);
            }
            if (table.slotsInUse() >= 2 * lastSize)
            {
                doublings++;
                lastSize = table.slotsInUse();
            }
            if (0 == op % 10_000)
            {
                assertAllFound(table, model);
            }
        }
        assertAllFound(table, model);
        assertEquals(model.size(), table.entries());
        assertTrue(sawSplitting && doublings >= 2, "doublings: " + doublings);
        assertTrue(table.slotsInUse() <= 16 * Math.max(model.size(), RobinHoodTable.INITIAL_SLOTS / 16),
            table.slotsInUse() + " slots in use for " + model.size() + " entries");
    }

    @Test
    void shouldStayAtTheSizeItsEntriesNeedNotItsCapacity()
    {
        final RobinHoodTable table = new RobinHoodTable(1 << 22, LevelTable::levelHash);
        for (int book = 0; book < 1000; book++)
        {
            for (int level = 0; level < 15; level++)
            {
                table.split();
                final long key = ((long)book << 32) | (2_000_000 + level * 100L);
                assertTrue(table.insert(key, table.homeOf(LevelTable.levelHash(key)), book * 15 + level));
            }
        }
        // 15,000 entries: at most 1/8 of the slots once a doubling completes, so 2^17 or 2^18 of 2^22
        assertTrue(table.slotsInUse() <= 1 << 18, "slots in use " + table.slotsInUse());
        table.clearAll();
        table.emptied();
        assertEquals(0, table.entries());
        final long key = (7L << 32) | 2_000_000;
        assertEquals(0, table.slots[table.find(key, table.homeOf(LevelTable.levelHash(key))) + 1], "emptied");
    }

    @Test
    void shouldRefuseAnInsertionWhoseRunWouldReachTheLastSlotAndKeepEveryOtherEntry()
    {
        // every key hashes to the last home slot of the largest size: the run fills the tail, and the
        // insertion that would fill the always-empty last slot fails without disturbing the rest
        final int maxSlots = 16;
        final RobinHoodTable table = new RobinHoodTable(maxSlots, key -> maxSlots - 1);
        int placed = 0;
        while (table.insert(placed, maxSlots - 1, placed))
        {
            placed++;
        }
        assertEquals(RobinHoodTable.TAIL, placed);
        for (int key = 0; key < placed; key++)
        {
            assertEquals(key + 1L, table.slots[table.find(key, maxSlots - 1) + 1] & 0xFFFF_FFFFL, "key " + key);
        }
        assertEquals(0, table.slots[table.find(placed, maxSlots - 1) + 1], "the refused key is absent");
        table.delete(table.find(17, maxSlots - 1));
        assertTrue(table.insert(placed, maxSlots - 1, placed), "room again after a delete");
    }

    @Test
    void shouldRefuseToInsertAKeyAlreadyPresentAndChangeNothing()
    {
        // three keys of one home slot and one of the next: the present key is found among its home's
        // entries, wherever among them it sits
        final RobinHoodTable table = new RobinHoodTable(64, 64, key -> (int)(key >>> 8));
        assertTrue(table.insert(0x100, 1, 10));
        assertTrue(table.insert(0x101, 1, 11));
        assertTrue(table.insert(0x102, 1, 12));
        assertTrue(table.insert(0x200, 2, 20));
        final long[] before = table.slots.clone();

        assertFalse(table.insert(0x101, 1, 99));
        assertFalse(table.insert(0x102, 1, 99));
        assertFalse(table.insert(0x200, 2, 99));

        assertArrayEquals(before, table.slots);
        assertEquals(4, table.entries());
        assertTrue(table.insert(0x103, 1, 13), "an absent key of the same home still goes in");
    }

    @Test
    void shouldKeepEveryKeyFindableWhenASplitRunsOutOfRoom()
    {
        // a pathological hash: thousands of keys share one home slot, all of which a doubling moves to
        // the last home slot of the largest size. The upper half cannot take them all before the last
        // slot, so the doubling stops where it is, and every key must still be found at that size
        final int maxSlots = 1 << 13;
        final int x = (RobinHoodTable.INITIAL_SLOTS - 1) | RobinHoodTable.INITIAL_SLOTS;
        final RobinHoodTable table = new RobinHoodTable(maxSlots, key -> x);
        final int count = RobinHoodTable.TAIL + 1_000;
        for (int key = 0; key < count; key++)
        {
            assertTrue(table.insert(key, table.homeOf(x), key), "key " + key);
        }
        assertTrue(table.isSplitting());
        for (int i = 0; i < RobinHoodTable.INITIAL_SLOTS && table.isSplitting(); i++)
        {
            table.split();
        }
        assertFalse(table.isSplitting());
        assertTrue(table.slotsInUse() < maxSlots, "the doubling stopped: " + table.slotsInUse());
        assertEquals(count, table.entries());
        for (int key = 0; key < count; key++)
        {
            assertEquals(key + 1L, table.slots[table.find(key, table.homeOf(x)) + 1] & 0xFFFF_FFFFL, "key " + key);
        }
    }

    private static void assertAllFound(final RobinHoodTable table, final Map<Long, Integer> model)
    {
        for (final Map.Entry<Long, Integer> e : model.entrySet())
        {
            final long key = e.getKey();
            final int slot = table.find(key, table.homeOf(LevelTable.levelHash(key)));
            assertEquals(e.getValue() + 1L, table.slots[slot + 1] & 0xFFFF_FFFFL, "key " + key);
        }
    }
}
