"""The assumptions of the ``debate`` model (version 2), with their default priors and sources.

Sources are named by their seed files in ``shared/seeds/`` or by the public
forecast they come from; the numbers are starting points, not gospel.
"""

from __future__ import annotations

from debate_explorer.core.model.assumptions import assumption

INF = float("inf")

DEBATE_ASSUMPTIONS = (
    assumption(
        "g_compute",
        "Compute growth",
        "OOM/yr",
        "Growth of the physical compute used for training and research experiments, until the compute wall.",
        {"type": "normal", "mean": 0.6, "sd": 0.1},
        "~4x a year in the Scaling Era 2019-2025 (004_63e39eedb4781341.txt, Patel): log10(4) = 0.60; "
        "Epoch: 4-5x a year 2010-2024; AI Futures Model: 0.55-0.65 OOM/yr",
        0.0,
        3.0,
    ),
    assumption(
        "compute_wall_year",
        "Compute wall year",
        "year",
        "When spending, power and grid limits slow compute growth.",
        {"type": "uniform", "low": 2027.0, "high": 2033.0},
        "AI Futures Model: slowdown year uniform 2026-2030; 50 GW of new US AI demand by 2028 "
        "(003_9acecfd289868eca.txt, Buchanan); grids as AI's key bottleneck (003, Goldman)",
        2025.0,
        2200.0,
    ),
    assumption(
        "late_compute_factor",
        "Compute growth after the wall",
        "fraction",
        "Compute growth after the wall, as a fraction of its growth before. Experiment compute is an input "
        "to research, so a wall also slows software progress.",
        {"type": "uniform", "low": 0.25, "high": 0.6},
        "AI Futures Model: 0.15-0.35 OOM/yr after the slowdown, against 0.55-0.65 before",
        0.0,
        1.0,
    ),
    assumption(
        "g_software",
        "Software progress",
        "OOM/yr",
        "Algorithmic progress at 2025's research inputs: the effective-compute gain per year from better "
        "methods, before any AI speed-up.",
        "0.25 to 0.75 @90%",
        "Epoch: language-model algorithms halve required compute every ~8 months "
        "(log10(2)·12/8 ≈ 0.45 OOM/yr, 95% CI 5-14 months)",
        0.0,
        5.0,
    ),
    assumption(
        "research_share",
        "Share of research AI can speed up",
        "fraction",
        "Fraction of the work toward each milestone that AI labour can do (Amdahl's law): the rest "
        "(new ideas, research taste, the 'big updates') moves at human speed.",
        {"type": "beta", "alpha": 4.0, "beta": 1.5},
        "Karpathy: new ideas and '3-5 big updates' are needed, novel code is what models do worst "
        "(003_9acecfd289868eca.txt); Clark: AI already helps design its successors (003); "
        "AI 2027 / AI Futures Model: coding then research taste get automated",
        0.0,
        0.999,
    ),
    assumption(
        "compute_cap",
        "Research speed-up limit from compute",
        "×",
        "How much faster research could go with unlimited AI researchers but experiment compute on its "
        "trend (the ceiling of a CES with substitution below zero).",
        "5 to 100 @80%",
        "AI Futures Model: experiment compute and labour combine with substitution below zero, "
        "so more researchers alone hit a compute bottleneck; Bryk: experiments, labour and materials "
        "become the bottleneck (002_a4b02a4ddda3132f.txt)",
        1.0,
        1e4,
    ),
    assumption(
        "p_now",
        "AI R&D speed-up today",
        "multiplier − 1",
        "How much more research labour AI tools add today.",
        "0.03 to 0.3 @80%",
        "AI 2027 timelines forecast: present progress multiplier − 1, 80% CI 0.03-0.3",
        0.0,
        100.0,
    ),
    assumption(
        "gain_to_sc",
        "Speed-up gain by SC",
        "×",
        "How many times the AI labour multiplier grows between today and the superhuman coder "
        "(ordered by construction: the speed-up at SC is at least today's).",
        "3 to 30 @80%",
        "AI 2027 timelines forecast: progress multiplier 1.03-1.3 today and 2.5-41 at SC (80% CIs)",
        1.0,
        1e4,
    ),
    assumption(
        "gain_to_agi",
        "Speed-up gain by AGI",
        "×",
        "How many times the AI labour multiplier grows again between the superhuman coder and AGI "
        "(automated research taste).",
        "3 to 30 @80%",
        "AI 2027 takeoff forecast: ~5x at SC, ~25x for a superhuman AI researcher, ~250x beyond",
        1.0,
        1e4,
    ),
    assumption(
        "difficulty",
        "Difficulty per OOM toward SC",
        "factor",
        "Below 1 each OOM on the way to the superhuman coder comes faster than the last "
        "(superexponential, as AI 2027's time horizons); above 1 slower. Applies to the SC stage only, "
        "so it can bring SC early but never makes AGI and ASI arrive at the same instant.",
        {"type": "discrete", "values": [0.9, 1.0, 1.1], "probs": [0.4, 0.45, 0.15]},
        "AI 2027: superexponential 45% (each doubling 10% easier), subexponential 10%; "
        "AI Futures Model: 0.82-1.02 per doubling",
        0.5,
        1.5,
    ),
    assumption(
        "sc_requirement",
        "Distance to superhuman coder",
        "OOM",
        "Effective compute above the 2025 level needed for a superhuman coder (coding automated).",
        "4 to 16 @80%",
        "Calibrated so the pooled SC median is about 2031 (AI 2027 authors now say 2031, "
        "000_d64f166faee85432.txt; AI Futures Model Dec 2025: Automated Coder 2030-2032)",
        0.01,
        200.0,
    ),
    assumption(
        "agi_gap",
        "SC → AGI distance",
        "OOM",
        "Further effective compute from SC to AGI (nearly all remote knowledge work): research taste and "
        "the jagged remainder (computer use, continual learning, Moravec's paradox).",
        "1 to 5 @80%",
        "AI Futures Model: research taste automated 1-3 years after coding; Karpathy's missing pieces "
        "(003); Lambert's jagged capabilities (000)",
        0.0,
        200.0,
    ),
    assumption(
        "asi_gap",
        "AGI → ASI distance",
        "OOM",
        "Further effective compute from AGI to superintelligence.",
        "1 to 5 @80%",
        "AI Futures Model: ASI 1.3-3 years after the automated coder under its authors' parameters",
        0.0,
        200.0,
    ),
    assumption(
        "disruption_hazard",
        "Disruption hazard",
        "per year",
        "Chance that a disruption (regulation, war, backlash) starts in a given year.",
        "0.005 to 0.05 @80%",
        "Bryk: the main obstacles are regulation, terrorism, social collapse (002_a4b02a4ddda3132f.txt)",
        0.0,
        0.5,
    ),
    assumption(
        "pause_years",
        "Disruption length",
        "years",
        "How long a disruption lasts.",
        "1 to 5 @80%",
        "Judgement: moratoria and wars last years, not decades",
        0.0,
        50.0,
    ),
    assumption(
        "pause_factor",
        "Progress during a disruption",
        "× normal rate",
        "Progress rate during a disruption, relative to normal: below 1 slows (regulation, backlash), "
        "above 1 speeds up (Bryk: a war would accelerate AI).",
        {"type": "uniform", "low": 0.0, "high": 0.6},
        "Judgement: a pause slows but rarely stops research everywhere; Bryk (002) argues war accelerates",
        0.0,
        3.0,
    ),
    assumption(
        "share_at_agi",
        "Automated share at AGI",
        "fraction",
        "Share of economic tasks automated when AGI arrives (remote knowledge work first).",
        {"type": "uniform", "low": 0.1, "high": 0.4},
        "Karpathy: knowledge work is ~10-20% of the economy, coding first (003_9acecfd289868eca.txt)",
        0.0,
        1.0,
    ),
    assumption(
        "diffusion_rate",
        "Diffusion rate after AGI",
        "per year",
        "Rate at which the remaining tasks get automated after AGI (the 'march of nines' is slow).",
        "0.05 to 0.5 @80%",
        "Karpathy's 'march of nines' and autonomy slider (003, slow) vs Patel's fully automated firms (004, fast)",
        0.0,
        10.0,
    ),
    assumption(
        "substitution",
        "AI as substitute workers",
        "fraction",
        "How far automated work is done by copyable AI workers that substitute for people (the hive mind, "
        "004) rather than by tools that raise human output (amplification, 000). Only substitution "
        "adds growth beyond trend.",
        {"type": "uniform", "low": 0.0, "high": 1.0},
        "Patel's hive mind of copyable workers (004) vs Raschka's amplification (000) and Karpathy's "
        "'no GDP jump' (003): the prior is undecided",
        0.0,
        1.0,
    ),
    assumption(
        "base_growth",
        "Baseline GDP growth",
        "per year",
        "World GDP growth without AI substitution.",
        {"type": "normal", "mean": 0.025, "sd": 0.005},
        "World GDP growth 2000-2019 averaged ~2.5-3%/yr (World Bank); Karpathy: AI blends into the "
        "existing exponential (003)",
        -0.1,
        0.2,
    ),
    assumption(
        "hive_mind_boost",
        "Extra growth at full substitution",
        "per year",
        "Extra GDP growth when every task is done by substituting AI workers.",
        "0.1 to 1 @80%",
        "Epoch GATE and growth-theory models: > 30%/yr plausible once labour is fully automatable",
        0.0,
        5.0,
    ),
)
