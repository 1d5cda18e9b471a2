"""Draws varied charts of random data with matplotlib (our own plots, never its sample images).

Usage: python3 plots.py OUT_DIR COUNT SEED
Prints one line per image: file<TAB>group<TAB>source.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

KINDS = ["line", "scatter", "bar", "hist", "pie", "heatmap", "contour", "area", "box", "multi"]
STYLES = ["default", "ggplot", "bmh", "classic", "dark_background", "fivethirtyeight", "grayscale", "seaborn-v0_8"]
WORDS = "revenue users latency errors growth sales temperature rainfall votes score budget clicks visits cost".split()


def draw(ax, kind, rng):
    x = np.arange(rng.integers(8, 60))
    if kind == "line":
        for _ in range(rng.integers(1, 5)):
            ax.plot(x, np.cumsum(rng.normal(size=x.size)), lw=rng.uniform(0.8, 3))
    elif kind == "scatter":
        n = rng.integers(30, 600)
        ax.scatter(rng.normal(size=n), rng.normal(size=n), c=rng.random(n), s=rng.uniform(4, 60), cmap=rng.choice(["viridis", "plasma", "coolwarm", "tab10"]))
    elif kind == "bar":
        labels = rng.choice(WORDS, size=rng.integers(3, 10), replace=False)
        ax.bar(labels, rng.uniform(1, 100, labels.size), color=plt.cm.tab20(rng.random(labels.size)))
        ax.tick_params(axis="x", rotation=45)
    elif kind == "hist":
        ax.hist(rng.gamma(rng.uniform(1, 5), size=2000), bins=int(rng.integers(10, 60)))
    elif kind == "pie":
        parts = int(rng.integers(3, 8))
        ax.pie(rng.uniform(1, 10, parts), labels=list(rng.choice(WORDS, size=parts, replace=False)), autopct="%1.0f%%")
    elif kind == "heatmap":
        image = ax.imshow(rng.random((rng.integers(5, 30), rng.integers(5, 30))), cmap=rng.choice(["magma", "Blues", "RdYlGn", "cividis"]))
        plt.colorbar(image, ax=ax)
    elif kind == "contour":
        g = np.linspace(-3, 3, 120)
        xx, yy = np.meshgrid(g, g)
        zz = np.sin(xx * rng.uniform(0.5, 2)) * np.cos(yy * rng.uniform(0.5, 2)) + rng.normal(scale=0.1, size=xx.shape)
        ax.contourf(xx, yy, zz, levels=int(rng.integers(5, 20)), cmap=rng.choice(["terrain", "jet", "PuOr"]))
    elif kind == "area":
        ax.stackplot(x, *[np.abs(rng.normal(size=x.size)).cumsum() for _ in range(rng.integers(2, 5))])
    elif kind == "box":
        ax.boxplot([rng.normal(rng.uniform(0, 5), rng.uniform(0.5, 2), 100) for _ in range(rng.integers(2, 8))])
    else:
        ax.plot(x, rng.normal(size=x.size).cumsum(), "o-")
        ax.bar(x, rng.uniform(0, 3, x.size), alpha=0.4)


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(count):
        rng = np.random.default_rng(seed * 100_000 + i)
        kind, style = KINDS[i % len(KINDS)], STYLES[int(rng.integers(len(STYLES)))]
        with plt.style.context(style):
            rows, cols = (1, 1) if rng.random() < 0.7 else (int(rng.integers(1, 3)), int(rng.integers(2, 4)))
            fig, axes = plt.subplots(rows, cols, figsize=(rng.uniform(4, 10), rng.uniform(3, 8)), squeeze=False)
            for ax in axes.flat:
                draw(ax, kind if ax is axes.flat[0] else KINDS[int(rng.integers(len(KINDS)))], rng)
                ax.set_title(f"{rng.choice(WORDS)} by {rng.choice(WORDS)}", fontsize=rng.uniform(8, 16))
            fig.tight_layout()
            name = f"plot-{i:04d}.png"
            fig.savefig(f"{out}/{name}", dpi=int(rng.integers(60, 130)))
            plt.close(fig)
        # Groups of ten consecutive plots, so validation holds whole groups of unseen seeds.
        print(f"{name}\tplot-{i // 10}\tmatplotlib:{kind}:{style}:seed{seed}:{i}")


if __name__ == "__main__":
    main()
