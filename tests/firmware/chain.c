/*
 * A call that crosses a flash page still reaches new code after the
 * page holding its destination is rewritten through the NVMC.  The
 * emulator links translated code across pages on this CPU, so the
 * rewrite must undo links into the page from anywhere.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "nrf51.h"

#define PAGE_SIZE   1024
#define CALLS       100

/*
 * chain_target() has a flash page to itself, away from its caller: it
 * returns 1 until its first instruction is rewritten to return 2.
 */
__asm__(".section .text.chain_page, \"ax\", %progbits\n"
        ".balign 1024\n"
        ".global chain_target\n"
        ".thumb_func\n"
        "chain_target:\n"
        "    movs r0, #1\n"
        "    bx lr\n"
        ".balign 1024, 0xff\n"
        ".text\n");

/* movs r0, #2; bx lr */
#define RETURN_2    0x47702002u

static void nvmc_wait(void)
{
    while (!NVMC_READY) {
        spin();
    }
}

static void rewrite_target(void)
{
    uintptr_t page = (uintptr_t)chain_target & ~(uintptr_t)(PAGE_SIZE - 1);

    NVMC_CONFIG = NVMC_CONFIG_EEN;
    NVMC_ERASEPAGE = page;
    nvmc_wait();
    NVMC_CONFIG = NVMC_CONFIG_WEN;
    REG(page) = RETURN_2;
    nvmc_wait();
    NVMC_CONFIG = NVMC_CONFIG_REN;
}

static uint32_t call_target(void)
{
    uint32_t sum = 0;
    int i;

    for (i = 0; i < CALLS; i++) {
        sum += chain_target();
    }
    return sum;
}

int main(void)
{
    uart_init();
    uart_puts("chain before ");
    uart_puthex(call_target());
    uart_puts("\n");
    rewrite_target();
    uart_puts("word ");
    uart_puthex(REG((uintptr_t)chain_target & ~1u));
    uart_puts("\n");
    uart_puts("chain after ");
    uart_puthex(call_target());
    uart_puts("\n");
    return 0;
}
