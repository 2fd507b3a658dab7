# SPDX-License-Identifier: GPL-2.0-or-later
#
# The BBC micro:bit machine for QEMU.
#
#   make            build build/qemu-system-arm and the test firmware
#   make run        set up the host, build, and boot the demo
#                   (make run HEX=prog.hex boots any program)
#   make check      set up the host, build, and run every test
#   make bench      compare speed with Debian's qemu-system-arm
#   make fuzz       run the .hex parser under libFuzzer (FUZZ_SECONDS)
#   make checkpatch run QEMU's checkpatch.pl on this project's C files
#
# QEMU_SRC=/path/to/qemu-10.0 uses that tree instead of Debian's
# source package.

TOP        := $(CURDIR)
BUILD      := $(TOP)/build
QEMU_DL    := $(BUILD)/qemu-dl
QEMU_TREE  := $(BUILD)/qemu
QEMU_BUILD := $(BUILD)/qemu-build
EMU        := $(BUILD)/qemu-system-arm
FIRMWARE   := $(BUILD)/firmware
MAKECODE   := $(BUILD)/makecode
SCRIPTS    := $(BUILD)/micropython
PYTHON     := /usr/bin/python3
MICROPYTHON := /usr/share/firmware-microbit-micropython/firmware.hex

QEMU_CONFIGURE := \
	--target-list=arm-softmmu \
	--without-default-devices --with-devices-arm=microbit \
	--python=$(PYTHON) --disable-install-blobs --disable-download \
	--disable-docs --disable-tools --disable-guest-agent \
	--disable-user --disable-kvm --disable-xen \
	--enable-fdt=system --enable-vnc --enable-png --enable-vde \
	--enable-sdl --enable-gtk

HEX ?=

.PHONY: all setup qemu firmware scripts makecode run check bench fuzz \
	checkpatch \
	clean \
	distclean FORCE

all: qemu firmware scripts

setup:
	@sh scripts/setup-host.sh

$(QEMU_TREE)/.microbit-stamp: FORCE
	@pristine=$$(sh scripts/qemu-source.sh $(QEMU_DL)) && \
	 sh scripts/prepare-tree.sh "$$pristine" $(QEMU_TREE)

$(QEMU_BUILD)/.configured: $(QEMU_TREE)/.microbit-stamp Makefile
	@want='$(QEMU_CONFIGURE)'; \
	 if [ ! -f $(QEMU_BUILD)/build.ninja ] || \
	    [ "$$(cat $@ 2>/dev/null)" != "$$want" ]; then \
	     rm -rf $(QEMU_BUILD) && mkdir -p $(QEMU_BUILD) && \
	     cd $(QEMU_BUILD) && $(QEMU_TREE)/configure $$want && \
	     echo "$$want" > $@; \
	 fi

qemu: $(QEMU_BUILD)/.configured
	@ninja -C $(QEMU_BUILD) qemu-system-arm
	@ln -sf qemu-build/qemu-system-arm $(EMU)

firmware:
	@$(MAKE) --no-print-directory -C tests/firmware O=$(FIRMWARE)

# MicroPython programs: Debian's firmware with a script embedded by uflash
SCRIPT_HEX := $(patsubst tests/micropython/%.py,$(SCRIPTS)/%.hex,\
		$(wildcard tests/micropython/*.py))

scripts: $(SCRIPT_HEX)

$(SCRIPTS)/%.hex: tests/micropython/%.py
	@mkdir -p $(SCRIPTS)/$*.d
	@uflash -r $(MICROPYTHON) $< $(SCRIPTS)/$*.d >/dev/null
	@mv $(SCRIPTS)/$*.d/micropython.hex $@ && rmdir $(SCRIPTS)/$*.d

DEMO := $(SCRIPTS)/hello_world.hex

run: setup all
	@exec $(PYTHON) scripts/microbit-run.py $(EMU) '$(or $(HEX),$(DEMO))'

makecode:
	@sh scripts/makecode.sh $(MAKECODE)

check: setup all makecode
	@MICROBIT_FIRMWARE=$(FIRMWARE) MICROBIT_MICROPYTHON=$(MICROPYTHON) \
	 MICROBIT_MAKECODE=$(MAKECODE) MICROBIT_SCRIPTS=$(SCRIPTS) \
	 $(PYTHON) scripts/check.py $(QEMU_BUILD)

bench: setup all
	@$(PYTHON) scripts/bench.py $(EMU) /usr/bin/qemu-system-arm

FUZZ_SECONDS ?= 600
fuzz: qemu
	@sh scripts/fuzz.sh $(QEMU_TREE) $(QEMU_BUILD) $(BUILD)/fuzz $(FUZZ_SECONDS)

checkpatch: qemu
	@for f in $$(git ls-files 'hw/*.[ch]' 'include/*.h' 'tests/*.[ch]'); do \
	     perl $(QEMU_TREE)/scripts/checkpatch.pl --no-tree -q -f $$f || \
	     bad=1; \
	 done; [ -z "$$bad" ] && echo "checkpatch: clean"

clean:
	rm -rf $(QEMU_BUILD) $(FIRMWARE) $(MAKECODE) $(SCRIPTS) $(EMU) \
	       $(BUILD)/fuzz

distclean:
	rm -rf $(BUILD)
