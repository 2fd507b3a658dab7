/*
 * Nordic Semiconductor nRF51822 system on chip
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_ARM_NRF51_SOC_H
#define HW_ARM_NRF51_SOC_H

#include "hw/sysbus.h"
#include "hw/arm/armv7m.h"
#include "hw/adc/nrf51_adc.h"
#include "hw/char/nrf51_uart.h"
#include "hw/core/split-irq.h"
#include "hw/gpio/nrf51_gpio.h"
#include "hw/gpio/nrf51_gpiote.h"
#include "hw/i2c/nrf51_twi.h"
#include "hw/or-irq.h"
#include "hw/ssi/nrf51_spi.h"
#include "hw/misc/nrf51_basic.h"
#include "hw/misc/nrf51_ecb.h"
#include "hw/misc/nrf51_ficr.h"
#include "hw/misc/nrf51_power.h"
#include "hw/misc/nrf51_ppi.h"
#include "hw/misc/nrf51_rng.h"
#include "hw/misc/nrf51_serial_slot.h"
#include "hw/misc/nrf51_temp.h"
#include "hw/net/nrf51_radio.h"
#include "hw/nvram/nrf51_nvmc.h"
#include "hw/timer/nrf51_rtc.h"
#include "hw/timer/nrf51_timer.h"
#include "hw/watchdog/nrf51_wdt.h"
#include "qom/object.h"

#define TYPE_NRF51_SOC "nrf51-soc"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51State, NRF51_SOC)

/* The nRF51822-QFAA: 256 KiB of flash and 16 KiB of RAM */
#define NRF51822_FLASH_SIZE     (256 * KiB)
#define NRF51822_SRAM_SIZE      (16 * KiB)

#define NRF51_SOC_NUM_BASIC     3

#define NRF51_NUM_TIMERS        3
#define NRF51_NUM_SERIAL        2       /* SPI/TWI slots */
#define NRF51_NUM_RTCS          2

/* The core runs from the 16 MHz HFCLK */
#define NRF51_HFCLK_FREQ_HZ     16000000

struct NRF51State {
    SysBusDevice parent_obj;

    ARMv7MState cpu;
    NRFPPIState ppi;
    NRF51PowerState power;
    NRF51FICRState ficr;
    NRF51NVMCState nvmc;
    NRF51UARTState uart;
    NRF51GPIOState gpio;
    NRF51GPIOTEState gpiote;
    /* Each pin's level, to GPIOTE and to the UART (CTS) */
    SplitIRQ pin_split[NRF51_GPIO_PINS];
    NRF51TimerState timer[NRF51_NUM_TIMERS];
    NRF51RTCState rtc[NRF51_NUM_RTCS];
    NRF51TWIState twi[NRF51_NUM_SERIAL];
    NRF51SPIState spi[NRF51_NUM_SERIAL];
    OrIRQState serial_irq[NRF51_NUM_SERIAL];
    NRF51SerialSlotState serial[NRF51_NUM_SERIAL];
    NRF51RNGState rng;
    NRF51TempState temp;
    NRF51ADCState adc;
    NRF51ECBState ecb;
    NRF51WDTState wdt;
    NRF51BasicState basic[NRF51_SOC_NUM_BASIC];
    SplitIRQ detect_split;

    NRF51RadioState radio;
    NRF51BasicState spis1;

    MemoryRegion sram;
    MemoryRegion romtable;

    Clock *sysclk;
    /* The CLOCK block's outputs: HFCLK (16 MHz) and LFCLK (32768 Hz or 0) */
    Clock *hfclk;
    Clock *lfclk;

    /* Properties */
    MemoryRegion *board_memory;
    uint32_t flash_size;
    uint32_t sram_size;
};

#endif
