package org.feedhandler.preflight;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSetTest
{
    @Test
    void shouldParseRangesAndSingles()
    {
        assertArrayEquals(new int[]{ 0, 1, 2, 3, 8, 9, 10, 11 }, CpuSet.parseList("0-3,8-11").toArray());
        assertArrayEquals(new int[]{ 5 }, CpuSet.parseList("5\n").toArray());
        assertArrayEquals(new int[]{ 1, 3, 7 }, CpuSet.parseList("1,3,7").toArray());
    }

    @Test
    void shouldParseStrideSyntaxAsUsedOfEachGroup()
    {
        // 2-15:2/4 = from 2 to 15, groups of 4 starting at 2, the first 2 of each group
        assertArrayEquals(new int[]{ 2, 3, 6, 7, 10, 11, 14, 15 }, CpuSet.parseList("2-15:2/4").toArray());
        assertArrayEquals(new int[]{ 0, 2, 4, 6 }, CpuSet.parseList("0-7:1/2").toArray());
        assertArrayEquals(new int[]{ 0, 2, 4, 6, 9 }, CpuSet.parseList("0-7:1/2,9").toArray());
    }

    @Test
    void shouldTreatNullMarkerAndEmptyAsNoCpus()
    {
        assertTrue(CpuSet.parseList("(null)").isEmpty());
        assertTrue(CpuSet.parseList("(null)\n").isEmpty());
        assertTrue(CpuSet.parseList("").isEmpty());
        assertTrue(CpuSet.parseList("\n").isEmpty());
        assertTrue(CpuSet.parseList(null).isEmpty());
    }

    @Test
    void shouldRejectMalformedLists()
    {
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("a-b"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("1,,2"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("0-7:3/2"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("4:1/2"));
    }

    @Test
    void shouldParseHexMasksWithCommaSeparatedWords()
    {
        assertArrayEquals(new int[]{ 0, 1 }, CpuSet.parseMask("3").toArray());
        assertArrayEquals(new int[]{ 0, 1, 4, 5 }, CpuSet.parseMask("33\n").toArray());
        assertArrayEquals(new int[]{ 32, 33 }, CpuSet.parseMask("00000003,00000000").toArray());
        assertTrue(CpuSet.parseMask("0").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseMask("xyz"));
    }

    @Test
    void shouldFormatAsKernelCpulistAndHexMask()
    {
        assertEquals("0-3,8-11", CpuSet.parseList("8-11,0-3").toString());
        assertEquals("2,4", CpuSet.of(4, 2).toString());
        assertEquals("", CpuSet.EMPTY.toString());
        assertEquals("33", CpuSet.parseList("0-1,4-5").toHexMask());
        assertEquals("1,00000000", CpuSet.of(32).toHexMask());
        assertEquals(CpuSet.parseList("0-40"), CpuSet.parseMask(CpuSet.parseList("0-40").toHexMask()));
    }

    @Test
    void shouldComputeSetAlgebra()
    {
        final CpuSet a = CpuSet.parseList("0-3");
        final CpuSet b = CpuSet.parseList("2-5");
        assertEquals("2-3", a.and(b).toString());
        assertEquals("0-5", a.or(b).toString());
        assertEquals("0-1", a.minus(b).toString());
        assertTrue(a.containsAll(CpuSet.of(1, 2)));
        assertFalse(a.containsAll(b));
        assertTrue(a.containsAll(CpuSet.EMPTY));
        assertEquals(0, a.first());
        assertEquals(-1, CpuSet.EMPTY.first());
    }
}
