/* threads.condvar: a bounded queue with two condition variables: two
 * producers, two consumers, every item consumed exactly once;
 * pthread_cond_broadcast wakes every waiter. */
#include <pthread.h>
#include <stdio.h>

#define ITEMS 2000
#define CAP 4

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int queue[CAP], head, count, produced, consumed_done;
static long sum;
static int seen[2 * ITEMS];

static void *producer(void *arg) {
  int base = (int)(long)arg;
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&m);
    while (count == CAP)
      pthread_cond_wait(&not_full, &m);
    queue[(head + count) % CAP] = base + i;
    count++;
    produced++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&m);
  }
  return 0;
}

static void *consumer(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&m);
    while (count == 0 && consumed_done < 2 * ITEMS)
      pthread_cond_wait(&not_empty, &m);
    if (consumed_done == 2 * ITEMS) {
      pthread_mutex_unlock(&m);
      return 0;
    }
    int v = queue[head];
    head = (head + 1) % CAP;
    count--;
    seen[v]++;
    sum += v;
    if (++consumed_done == 2 * ITEMS)
      pthread_cond_broadcast(&not_empty); /* release the other consumer */
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&m);
  }
}

int main(void) {
  pthread_t p[2], c[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&c[i], 0, consumer, 0);
  for (int i = 0; i < 2; i++)
    pthread_create(&p[i], 0, producer, (void *)(long)(i * ITEMS));
  for (int i = 0; i < 2; i++) {
    pthread_join(p[i], 0);
    pthread_join(c[i], 0);
  }
  int once = 1;
  for (int i = 0; i < 2 * ITEMS; i++)
    once &= seen[i] == 1;
  long want = (long)(2 * ITEMS) * (2 * ITEMS - 1) / 2;
  printf("consumed %d items, each once: %s, sum %s\n", consumed_done,
         once ? "yes" : "no", sum == want ? "ok" : "wrong");
  if (!once || sum != want) {
    printf("CONTRACT_FAIL condvar: see above\n");
    return 1;
  }
  printf("CONTRACT_PASS condvar\n");
  return 0;
}
