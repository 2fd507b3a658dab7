# Device configuration for a QEMU that models only the BBC micro:bit.

CONFIG_MICROBIT=y
