# Small-sample figures quoted in docs/comparing-two-polls.md and notebook 02,
# with real counts and exact tests (Fisher's exact test, as R's fisher.test).
# A printed whole percentage is a count x of n with |100 x / n - printed| <= 0.5.
#
#   Rscript docs/scripts/small-samples.R
#
# Output: docs/scripts/small-samples.txt (committed; the guides quote it).

counts <- function(percent, n) {
  x <- 0:n
  x[abs(100 * x / n - percent) <= 0.5 + 1e-9]
}
fisher_p <- function(x1, n1, x2, n2) {
  fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2))$p.value
}
# every pair of counts that print as p1 of n1 and p2 of n2: the largest and
# smallest two-sided p-value (NA when one of the figures is impossible)
p_range <- function(p1, n1, p2, n2) {
  a <- counts(p1, n1)
  b <- counts(p2, n2)
  if (length(a) == 0 || length(b) == 0) return(c(NA, NA))
  ps <- outer(a, b, Vectorize(function(x1, x2) fisher_p(x1, n1, x2, n2)))
  c(min(ps), max(ps))
}

out <- character()
say <- function(...) {
  line <- sprintf(...)
  cat(line, "\n", sep = "")
  out <<- c(out, line)
}

say("1. University of Tokyo, 45%% (Aug 2024) vs 18%% (Aug 2025), n per wave")
say("   25 per wave: 45%% is not a possible figure (counts printing as 45%%: %s)",
    if (length(counts(45, 25)) == 0) "none" else paste(counts(45, 25), collapse = ", "))
say("   11/25 (44%%) vs 5/25 (20%%): Fisher p = %.4f", fisher_p(11, 25, 5, 25))
say("   12/25 (48%%) vs 4/25 (16%%): Fisher p = %.4f", fisher_p(12, 25, 4, 25))
rows <- data.frame()
for (n in 5:200) {
  r <- p_range(45, n, 18, n)
  rows <- rbind(rows, data.frame(n = n, possible = !is.na(r[1]), p_min = r[1], p_max = r[2]))
}
possible <- rows[rows$possible, ]
say("   smallest n per wave at which both 45%% and 18%% are possible counts: %d", min(possible$n))
say("   n per wave at which both are possible, up to 60, with Fisher p (largest over the counts):")
for (i in which(possible$n <= 60)) {
  say("     n = %3d: %s vs %s, p = %.4f", possible$n[i],
      paste(counts(45, possible$n[i]), collapse = "/"), paste(counts(18, possible$n[i]), collapse = "/"),
      possible$p_max[i])
}
sig <- possible$p_max < 0.05
first_always <- possible$n[min(which(sapply(seq_along(sig), function(i) all(sig[i:length(sig)]))))]
say("   significant at 5%% (every pair of counts) at every possible n from %d to 200 per wave", first_always)
say("   smallest possible n per wave with p < 0.05: %d", min(possible$n[sig]))

say("")
say("2. Same month: API 42.4%% of 1,037 (440 respondents) vs University of Tokyo 18%% of n")
say("   440/1037 = %.2f%%", 100 * 440 / 1037)
rows2 <- data.frame()
for (n in 2:200) {
  b <- counts(18, n)
  if (length(b) == 0) next
  ps <- sapply(b, function(x2) fisher_p(440, 1037, x2, n))
  rows2 <- rbind(rows2, data.frame(n = n, p_max = max(ps), counts = paste(b, collapse = "/")))
}
for (i in which(rows2$n <= 40)) say("     n = %3d (%s): p = %.4f", rows2$n[i], rows2$counts[i], rows2$p_max[i])
sig2 <- rows2$p_max < 0.05
from2 <- rows2$n[min(which(sapply(seq_along(sig2), function(i) all(sig2[i:length(sig2)]))))]
say("   significant at 5%% at every n from %d to 200 at which 18%% is a possible count", from2)

writeLines(out, "docs/scripts/small-samples.txt")
