/* threads.mutex_contention: four threads increment one counter under a
 * mutex (contended: the lock sleeps on a futex) and a second one with
 * atomics; no increment is lost. Preemption interleaves them. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long atomic_counter;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&lock);
    long v = counter;
    if (i % 1000 == 0)
      sched_yield(); /* hold the lock across a switch */
    counter = v + 1;
    pthread_mutex_unlock(&lock);
    __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
  }
  return 0;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], 0);
  printf("mutex counter %ld, atomic counter %ld\n", counter, atomic_counter);
  if (counter != THREADS * ROUNDS || atomic_counter != THREADS * ROUNDS) {
    printf("CONTRACT_FAIL mutex_contention: lost increments\n");
    return 1;
  }
  printf("CONTRACT_PASS mutex_contention\n");
  return 0;
}
