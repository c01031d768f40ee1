# The made-up polls of docs/reading-several-polls.md and notebook 05, checked
# in R: the trend test (prop.trend.test) and the random-effects pooled
# estimate (metafor::rma, REML on the logit scale with the Hartung–Knapp
# adjustment, as toplines reanalyze pools; predict() for the prediction
# interval). The polls are invented for teaching: they are not real polls.
#
#   Rscript docs/scripts/several-polls.R
#
# Output: docs/scripts/several-polls.txt (committed; the guide quotes it).
suppressPackageStartupMessages(library(metafor))

out <- character()
say <- function(...) {
  line <- sprintf(...)
  cat(line, "\n", sep = "")
  out <<- c(out, line)
}

say("1. Made-up pollster A, one question in five waves, three months apart")
p <- c(0.46, 0.44, 0.45, 0.41, 0.39)
n <- c(1000, 1100, 950, 1050, 1000)
months <- c(0, 3, 6, 9, 12)
tt <- prop.trend.test(p * n, n, months)
say("   prop.trend.test: X-squared = %.4f, df = 1, p = %.6f", tt$statistic, tt$p.value)
fit <- lm(p ~ months, weights = n)
say("   slope per month (weighted least squares) = %.6f; per year = %.4f",
    coef(fit)[2], 12 * coef(fit)[2])
pt <- prop.test(p * n, n, correct = FALSE)
say("   prop.test (all waves equal): X-squared = %.4f, df = %d, p = %.6f",
    pt$statistic, pt$parameter, pt$p.value)

pool <- function(label, p, n) {
  yi <- log(p / (1 - p))
  vi <- 1 / (n * p * (1 - p))
  m <- rma(yi, vi, method = "REML", test = "knha")
  pr <- predict(m, transf = plogis)
  say("%s", label)
  say("   pooled %.4f, 95%% CI %.4f to %.4f, prediction interval %.4f to %.4f",
      pr$pred, pr$ci.lb, pr$ci.ub, pr$pi.lb, pr$pi.ub)
  say("   tau^2 = %.6f (logit scale), I^2 = %.1f%%, Q = %.3f (df = %d, p = %.6f)",
      m$tau2, m$I2, m$QE, m$k - 1, m$QEp)
}

say("")
pool("2. Five made-up polls by five houses in one month (spread out)",
     c(0.41, 0.44, 0.38, 0.47, 0.42), c(1000, 1200, 800, 1500, 900))
say("")
pool("3. Five made-up polls by five houses in one month (close together)",
     c(0.42, 0.43, 0.41, 0.44, 0.42), c(1000, 1200, 800, 1500, 900))

writeLines(out, "docs/scripts/several-polls.txt")
