/*
 * libFuzzer harness for the micro:bit Intel HEX / Universal Hex parser
 *
 * Every input must either parse, with all data inside the regions it
 * was given, or fail with an error message that names the file; the
 * sanitizers catch anything else.  Run it with "make fuzz".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/microbit_hex.h"

#define FLASH_SIZE  (256 * 1024)
#define UICR_BASE   0x10001000
#define UICR_SIZE   0x400

static uint8_t flash[FLASH_SIZE];
static uint8_t uicr[UICR_SIZE];

static void collect(void *opaque, uint32_t addr, const uint8_t *data,
                    size_t len)
{
    if (addr >= UICR_BASE) {
        assert(addr - UICR_BASE + len <= UICR_SIZE);
        memcpy(uicr + addr - UICR_BASE, data, len);
    } else {
        assert(addr + len <= FLASH_SIZE);
        memcpy(flash + addr, data, len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const MicrobitHexRegion regions[] = {
        { "flash", 0, FLASH_SIZE },
        { "UICR", UICR_BASE, UICR_SIZE },
    };
    Error *err = NULL;

    microbit_hex_probe((const char *)data, size);
    if (!microbit_hex_parse("fuzz.hex", (const char *)data, size, regions,
                            ARRAY_SIZE(regions), collect, NULL, &err)) {
        assert(err && g_str_has_prefix(error_get_pretty(err), "fuzz.hex"));
        error_free(err);
    } else {
        assert(!err);
    }
    return 0;
}
