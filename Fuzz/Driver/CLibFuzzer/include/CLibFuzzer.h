#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have their own main (a Swift executable's main is its @main type):
// runs the fuzzing loop with argv's options, calling `callback` on each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
