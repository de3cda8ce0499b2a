/* For benchmarks/bench_wordhash.py: the time of one read from memory that depends on the one before (a pointer
 * chase through a random cycle), as the data read grows. Usage: chase LINES STRIDE, reading LINES cache lines,
 * one every STRIDE bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    size_t lines = strtoull(argv[1], NULL, 10), stride = strtoull(argv[2], NULL, 10), words = lines * stride / 8;
    size_t *memory = calloc(words, sizeof(size_t)), *order = malloc(lines * sizeof(size_t));
    if (memory == NULL || order == NULL || lines < 2 || stride < 8) return 1;
    for (size_t i = 0; i < lines; i++) order[i] = i;
    srand(1);
    for (size_t i = lines - 1; i > 0; i--) {
        size_t j = ((size_t)rand() * ((size_t)RAND_MAX + 1) + (size_t)rand()) % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < lines; i++) memory[order[i] * stride / 8] = order[(i + 1) % lines] * stride / 8;
    size_t p = order[0] * stride / 8, steps = 20000000;
    struct timespec began, ended;
    clock_gettime(CLOCK_MONOTONIC, &began);
    for (size_t i = 0; i < steps; i++) p = memory[p];
    clock_gettime(CLOCK_MONOTONIC, &ended);
    double ns = (ended.tv_sec - began.tv_sec) * 1e9 + (ended.tv_nsec - began.tv_nsec);
    printf("%.1f %zu\n", ns / steps, p % 2); /* the end point printed, so the chase is not optimised away */
    return 0;
}
