/*
 * Unit tests for the micro:bit Intel HEX / Universal Hex parser
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/microbit_hex.h"

#define FLASH_SIZE  (256 * 1024)
#define UICR_BASE   0x10001000
#define UICR_SIZE   0x400

static const MicrobitHexRegion regions[] = {
    { "flash", 0, FLASH_SIZE },
    { "UICR", UICR_BASE, UICR_SIZE },
};

typedef struct Image {
    uint8_t flash[FLASH_SIZE];
    uint8_t uicr[UICR_SIZE];
    unsigned records;
} Image;

static void collect(void *opaque, uint32_t addr, const uint8_t *data,
                    size_t len)
{
    Image *img = opaque;

    if (addr >= UICR_BASE) {
        g_assert_cmpuint(addr - UICR_BASE + len, <=, UICR_SIZE);
        memcpy(img->uicr + addr - UICR_BASE, data, len);
    } else {
        g_assert_cmpuint(addr + len, <=, FLASH_SIZE);
        memcpy(img->flash + addr, data, len);
    }
    img->records++;
}

/* Parse @text; return the error message, or NULL on success */
static char *parse(const char *text, Image *img)
{
    Error *err = NULL;
    char *msg;

    memset(img, 0xff, sizeof(*img));
    img->records = 0;
    if (microbit_hex_parse("t.hex", text, strlen(text), regions,
                           ARRAY_SIZE(regions), collect, img, &err)) {
        g_assert_null(err);
        return NULL;
    }
    g_assert_nonnull(err);
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static void expect_error(const char *text, const char *want)
{
    g_autofree Image *img = g_new(Image, 1);
    g_autofree char *msg = parse(text, img);

    if (!msg || !strstr(msg, want)) {
        g_test_message("input: %s", text);
        g_test_message("error: %s", msg ? msg : "(none)");
        g_test_message("wanted: %s", want);
        g_test_fail();
    }
}

static void test_plain(void)
{
    g_autofree Image *img = g_new(Image, 1);

    g_assert_null(parse(":0401000001020304F1\n"
                        ":020000040003F7\n"
                        ":04FFF000DEADBEEFD5\n"
                        ":020000041000EA\n"
                        ":0410140000C0030015\n"
                        ":0400000500018E2147\n"
                        ":00000001FF\n", img));
    g_assert_cmpuint(img->records, ==, 3);
    g_assert_cmpmem(img->flash + 0x100, 4, "\x01\x02\x03\x04", 4);
    g_assert_cmpuint(img->flash[0x104], ==, 0xff);
    g_assert_cmpmem(img->flash + 0x3fff0, 4, "\xde\xad\xbe\xef", 4);
    g_assert_cmpmem(img->uicr + 0x14, 4, "\x00\xc0\x03\x00", 4);
}

static void test_segment_address(void)
{
    g_autofree Image *img = g_new(Image, 1);

    /* Segment 0x3000 is address 0x30000 */
    g_assert_null(parse(":020000023000CC\n"
                        ":0400100001020304E2\n"
                        ":00000001FF\n", img));
    g_assert_cmpmem(img->flash + 0x30010, 4, "\x01\x02\x03\x04", 4);
}

static void test_whitespace(void)
{
    g_autofree Image *img = g_new(Image, 1);

    /* CRLF, blank lines, lower case, a byte order mark, no final EOL */
    g_assert_null(parse("\xef\xbb\xbf:0401000001020304f1\r\n"
                        "\r\n"
                        "  :00000001FF  ", img));
    g_assert_cmpmem(img->flash + 0x100, 4, "\x01\x02\x03\x04", 4);
}

static void test_universal(void)
{
    g_autofree Image *img = g_new(Image, 1);

    /* V1 data goes in, V2 custom data and padding do not */
    g_assert_null(parse(":020000040000FA\n"
                        ":0400000A9900C0DEBB\n"
                        ":040100001122334451\n"
                        ":0400000CFFFFFFFFF4\n"
                        ":0000000BF5\n"
                        ":020000040000FA\n"
                        ":0400000A9903C0DEB8\n"
                        ":0401000D5566778834\n"
                        ":040200005566778840\n"
                        ":0000000BF5\n"
                        ":0400000EAABBCCDDE0\n"
                        ":00000001FF\n", img));
    g_assert_cmpuint(img->records, ==, 1);
    g_assert_cmpmem(img->flash + 0x100, 4, "\x11\x22\x33\x44", 4);
    g_assert_cmpuint(img->flash[0x200], ==, 0xff);
}

static void test_universal_v15(void)
{
    g_autofree Image *img = g_new(Image, 1);

    g_assert_null(parse(":0400000A9901C0DEBA\n"
                        ":040100001122334451\n"
                        ":0000000BF5\n"
                        ":00000001FF\n", img));
    g_assert_cmpmem(img->flash + 0x100, 4, "\x11\x22\x33\x44", 4);
}

static void test_universal_no_v1(void)
{
    expect_error(":0400000A9903C0DEB8\n"
                 ":0401000D5566778834\n"
                 ":0000000BF5\n"
                 ":0400000A9904C0DEB7\n"
                 ":0000000BF5\n"
                 ":00000001FF\n",
                 "no micro:bit V1 (nRF51) section: it holds board ID "
                 "0x9903, 0x9904");
}

static void test_bad_checksum(void)
{
    expect_error(":0401000001020304F1\n"
                 ":0401040001020304F0\n"
                 ":00000001FF\n",
                 "t.hex:2: bad checksum 0xF0, expected 0xED");
}

static void test_bad_length(void)
{
    expect_error(":0401000001020304F1\n"
                 ":03010000010203040000F1\n"
                 ":00000001FF\n",
                 "t.hex:2: bad record length");
}

static void test_truncated(void)
{
    expect_error(":0401000001020304F1\n"
                 ":100100000102\n",
                 "t.hex:2: record is truncated");
    expect_error(":04010000\n", "t.hex:1: record is truncated");
    expect_error(":0401000001020304F\n:00000001FF\n",
                 "t.hex:1: record has an odd number of hex digits");
}

static void test_bad_character(void)
{
    expect_error(":0401000001020G04F1\n:00000001FF\n",
                 "t.hex:1: invalid character 'G' in column 15");
    expect_error(":0401000001020304F1\n:04010000\x01\n",
                 "t.hex:2: invalid byte 0x01 in column 10");
    expect_error("0401000001020304F1\n", "t.hex:1: a record must start");
}

static void test_unknown_type(void)
{
    expect_error(":0401000001020304F1\n"
                 ":0000000FF1\n"
                 ":00000001FF\n",
                 "t.hex:2: unknown record type 0x0F");
}

static void test_missing_eof(void)
{
    expect_error(":0401000001020304F1\n"
                 ":0401040001020304ED\n",
                 "t.hex:2: missing end-of-file record");
    expect_error("", "t.hex:1: missing end-of-file record");
}

static void test_after_eof(void)
{
    g_autofree Image *img = g_new(Image, 1);

    /* MakeCode keeps its source in Other Data records after the end */
    g_assert_null(parse(":00000001FF\n\n:0400000EAABBCCDDE0\n", img));
    g_assert_cmpuint(img->records, ==, 0);
    expect_error(":00000001FF\n:0401000001020304F1\n",
                 "t.hex:2: data record after the end-of-file record");
    expect_error(":00000001FF\n:0400000EAABBCCDDE1\n",
                 "t.hex:2: bad checksum");
    expect_error(":01000001AA54\n", "t.hex:1: end-of-file record with data");
}

static void test_out_of_range(void)
{
    /* Past the end of flash */
    expect_error(":020000040004F6\n"
                 ":0400000001020304F2\n"
                 ":00000001FF\n",
                 "t.hex:2: data at 0x00040000-0x00040003 is not in flash "
                 "(0x00000000-0x0003ffff) or UICR (0x10001000-0x100013ff)");
    /* Straddling the end of flash */
    expect_error(":020000040003F7\n"
                 ":04FFFE0001020304F5\n"
                 ":00000001FF\n",
                 "t.hex:2: data at 0x0003fffe-0x00040001 is not in flash");
    /* RAM is not something a .hex file can program */
    expect_error(":020000042000DA\n"
                 ":0400000001020304F2\n"
                 ":00000001FF\n",
                 "t.hex:2: data at 0x20000000-0x20000003");
}

static void test_bad_address_records(void)
{
    expect_error(":0300000400000FEA\n:00000001FF\n",
                 "t.hex:1: extended address record must hold 2 bytes");
    expect_error(":020000050000F9\n:00000001FF\n",
                 "t.hex:1: start address record must hold 4 bytes");
    expect_error(":0100000A995C\n:00000001FF\n",
                 "t.hex:1: block start record without a board ID");
}

static void test_probe(void)
{
    g_assert_true(microbit_hex_probe(":00000001FF\n", 12));
    g_assert_true(microbit_hex_probe("\r\n  :00", 7));
    g_assert_true(microbit_hex_probe("\xef\xbb\xbf:00", 6));
    g_assert_false(microbit_hex_probe("\x7f" "ELF", 4));
    g_assert_false(microbit_hex_probe("\x00\x40\x00\x20", 4));
    g_assert_false(microbit_hex_probe("   ", 3));
    g_assert_false(microbit_hex_probe("", 0));
}

/* What microbit_hex_load() programs: one extent per call */
typedef struct Programmed {
    unsigned calls;
    uint32_t addr[2];
    size_t len[2];
    uint8_t data[2][64];
    bool fail;
} Programmed;

static bool program(void *opaque, uint32_t addr, const uint8_t *data,
                    size_t len, Error **errp)
{
    Programmed *prog = opaque;

    if (prog->fail) {
        error_setg(errp, "cannot program 0x%08" PRIx32, addr);
        return false;
    }
    g_assert_cmpuint(prog->calls, <, 2);
    g_assert_cmpuint(len, <=, sizeof(prog->data[0]));
    prog->addr[prog->calls] = addr;
    prog->len[prog->calls] = len;
    memcpy(prog->data[prog->calls], data, len);
    prog->calls++;
    return true;
}

static bool load(const char *text, Programmed *prog, Error **errp)
{
    return microbit_hex_load("t.hex", text, strlen(text), regions,
                             ARRAY_SIZE(regions), program, prog, errp);
}

static void test_load(void)
{
    Programmed prog = { 0 };

    /* Each region from its lowest to its highest byte; a gap is erased */
    g_assert_true(load(":0401000001020304F1\n"
                       ":02010600AABB92\n"
                       ":020000041000EA\n"
                       ":0410140000C0030015\n"
                       ":00000001FF\n", &prog, &error_abort));
    g_assert_cmpuint(prog.calls, ==, 2);
    g_assert_cmphex(prog.addr[0], ==, 0x100);
    g_assert_cmpuint(prog.len[0], ==, 8);
    g_assert_cmpmem(prog.data[0], 8, "\x01\x02\x03\x04\xff\xff\xaa\xbb", 8);
    g_assert_cmphex(prog.addr[1], ==, UICR_BASE + 0x14);
    g_assert_cmpmem(prog.data[1], prog.len[1], "\x00\xc0\x03\x00", 4);
}

static void test_load_error(void)
{
    Programmed prog = { 0 };
    Error *err = NULL;

    /* Nothing is programmed from a file with an error further on */
    g_assert_false(load(":0401000001020304F1\n"
                        ":0401040001020304ED\n", &prog, &err));
    g_assert_cmpuint(prog.calls, ==, 0);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "t.hex:2: missing end-of-file record");
    error_free(err);
    err = NULL;

    /* A file with no data programs nothing */
    g_assert_true(load(":00000001FF\n", &prog, &error_abort));
    g_assert_cmpuint(prog.calls, ==, 0);

    /* The programmer's error is passed on */
    prog.fail = true;
    g_assert_false(load(":0401000001020304F1\n:00000001FF\n", &prog, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "cannot program 0x00000100");
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/microbit/hex/plain", test_plain);
    g_test_add_func("/microbit/hex/segment-address", test_segment_address);
    g_test_add_func("/microbit/hex/whitespace", test_whitespace);
    g_test_add_func("/microbit/hex/universal", test_universal);
    g_test_add_func("/microbit/hex/universal-v1.5", test_universal_v15);
    g_test_add_func("/microbit/hex/universal-no-v1", test_universal_no_v1);
    g_test_add_func("/microbit/hex/bad-checksum", test_bad_checksum);
    g_test_add_func("/microbit/hex/bad-length", test_bad_length);
    g_test_add_func("/microbit/hex/truncated", test_truncated);
    g_test_add_func("/microbit/hex/bad-character", test_bad_character);
    g_test_add_func("/microbit/hex/unknown-type", test_unknown_type);
    g_test_add_func("/microbit/hex/missing-eof", test_missing_eof);
    g_test_add_func("/microbit/hex/after-eof", test_after_eof);
    g_test_add_func("/microbit/hex/out-of-range", test_out_of_range);
    g_test_add_func("/microbit/hex/bad-address-records",
                    test_bad_address_records);
    g_test_add_func("/microbit/hex/probe", test_probe);
    g_test_add_func("/microbit/hex/load", test_load);
    g_test_add_func("/microbit/hex/load-error", test_load_error);

    return g_test_run();
}
