"""Parsed tables of the built-in TOML files; made by `python -m planner.load.snapshot
--write`, checked by the tests. Do not edit: edit the TOML files and run that command."""

import datetime
from typing import Any

from planner.core.recipe import EventWindow, Ingredient, Limit, Limits, Provenance, Quantity, Recipe

# "kind/file.toml" -> (the SHA-256 of the file's bytes, its parsed table)
TABLES: dict[str, tuple[str, dict[str, Any]]] = {'recipes/_catalogue.toml': ('f0c41ccca526f129298fc7f44c47ae59c482b51e3a110ba3a40f62231fa278d0',
                             {'baking soda': {'aliases': ['soda',
                                                          'sodium bicarbonate',
                                                          'bicarbonate of soda',
                                                          'bicarbonate',
                                                          'baking-soda'],
                                              'section': 'grocery',
                                              'package': '500 g',
                                              'density': '0.9 g/ml'},
                              'sea salt': {'aliases': ['bath salt', 'sea-salt', 'coarse sea salt'],
                                           'section': 'grocery',
                                           'package': '1 kg',
                                           'density': '1.2 g/ml'},
                              'healing clay': {'aliases': ['clay',
                                                           'cosmetic clay',
                                                           'mud algae',
                                                           'blue clay',
                                                           'white clay',
                                                           'green clay'],
                                               'section': 'pharmacy',
                                               'package': '100 g',
                                               'density': '0.65 g/ml'},
                              'hydrogen peroxide 3%': {'aliases': ['hydrogen peroxide',
                                                                   'peroxide',
                                                                   'hydrogen peroxide 3 %'],
                                                       'section': 'pharmacy',
                                                       'package': '100 ml'},
                              'dried calendula flowers': {'aliases': ['calendula',
                                                                      'calendula flowers',
                                                                      'marigold flowers',
                                                                      'dried calendula'],
                                                          'section': 'pharmacy',
                                                          'package': '50 g',
                                                          'density': '0.15 g/ml'},
                              'calendula tincture': {'aliases': ['tincture of calendula'],
                                                     'section': 'pharmacy',
                                                     'package': '40 ml'},
                              'calendula lotion': {'aliases': ['calendula extract lotion',
                                                               'alcohol-free calendula lotion'],
                                                   'section': 'pharmacy',
                                                   'package': '100 ml'},
                              'chlorhexidine solution': {'aliases': ['chlorhexidine',
                                                                     'chlorhexidine digluconate'],
                                                         'section': 'pharmacy',
                                                         'package': '100 ml'},
                              'dried chamomile flowers': {'aliases': ['chamomile',
                                                                      'chamomile flowers',
                                                                      'dried chamomile'],
                                                          'section': 'pharmacy',
                                                          'package': '50 g',
                                                          'density': '0.1 g/ml'},
                              'oak bark': {'aliases': ['dried oak bark'],
                                           'section': 'pharmacy',
                                           'package': '100 g',
                                           'density': '0.35 g/ml'},
                              'dried celandine': {'aliases': ['celandine', 'celandine herb'],
                                                  'section': 'pharmacy',
                                                  'package': '50 g',
                                                  'density': '0.1 g/ml'},
                              'dried string herb': {'aliases': ['string',
                                                                'string herb',
                                                                'bidens',
                                                                'bur marigold'],
                                                    'section': 'pharmacy',
                                                    'package': '50 g',
                                                    'density': '0.1 g/ml'},
                              'anti-ingrown-hair product': {'aliases': ['anti-ingrown product',
                                                                        'ingrown hair lotion'],
                                                            'section': 'drugstore',
                                                            'package': '200 ml'},
                              'fruit-acid peel': {'aliases': ['fruit acid peel',
                                                              'aha peel',
                                                              'fruit-acid gel'],
                                                  'section': 'drugstore',
                                                  'package': '50 ml'},
                              'cleanser': {'aliases': ['cleansing gel', 'skin cleanser'],
                                           'section': 'drugstore',
                                           'package': '200 ml'},
                              'moisturiser': {'aliases': ['moisturizer',
                                                          'moisturising cream',
                                                          'moisturizing cream'],
                                              'section': 'drugstore',
                                              'package': '200 ml'},
                              'soap': {'aliases': ['bar of soap', 'plain soap'],
                                       'section': 'drugstore',
                                       'package': '1 piece'},
                              'cotton pad': {'aliases': ['cotton pads', 'cosmetic pad'],
                                             'section': 'drugstore',
                                             'package': '80 cotton pads'},
                              'cotton swab': {'aliases': ['cotton swabs',
                                                          'cotton bud',
                                                          'cotton buds',
                                                          'q-tip'],
                                              'section': 'drugstore',
                                              'package': '100 cotton swabs'}}),
 'recipes/_conditions.toml': ('1004ac59ba80ae5495821d8ffd0e604a866083cf5e77dde52dad951e98b00827',
                              {'open-pimples': {'name': 'Open pimples'},
                               'mature-pimples': {'name': 'Mature (ripe) pimples'},
                               'advanced-acne': {'name': 'Advanced or severe acne',
                                                 'note': 'See a dermatologist; home masks are not '
                                                         'enough.'},
                               'acid-intolerance': {'name': 'Intolerance to the acids in a peel'},
                               'eczema': {'name': 'Eczema'},
                               'herpes': {'name': 'Herpes'},
                               'psoriasis': {'name': 'Psoriasis'},
                               'pustular-lesions': {'name': 'Pustular skin lesions (staphylococcal '
                                                            'or streptococcal)'},
                               'damaged-skin': {'name': 'Damaged skin: burns, cuts or abrasions'},
                               'keloid-scars': {'name': 'Keloid scars'},
                               'large-moles': {'name': 'Large or unusual moles'},
                               'oncological-disease': {'name': 'Oncological disease'},
                               'peroxide-sensitivity': {'name': 'Sensitivity to hydrogen peroxide'},
                               'chlorhexidine-allergy': {'name': 'Allergy to chlorhexidine'},
                               'plant-allergy': {'name': 'Allergy to the plant in a herbal '
                                                         'remedy'}}),
 'recipes/anti-ingrown.toml': ('d4af3d9d0483a0361fe60eff6af4a575705bd46d85c28d1da1057b3a803311e2',
                               {'name': 'Anti-ingrown-hair product',
                                'kind': 'leave-on product',
                                'area': 'legs',
                                'effects': ['exfoliating'],
                                'summary': 'A leave-on product with acids and urea, used daily for '
                                           'about two weeks before hair removal.',
                                'prep_minutes': 0,
                                'skin_minutes': 2,
                                'minutes': 5,
                                'steps': ['Make sure the legs are clean and dry.',
                                          'Spread a thin layer of the product over the legs.',
                                          'Let it soak in; do not rinse it off.'],
                                'contraindications': ['acid-intolerance', 'damaged-skin'],
                                'warnings': ['Stop the day before hair removal, so acids are not '
                                             'on freshly waxed or epilated skin.',
                                             'Skip it on scratched or broken skin, where acids '
                                             'sting (our precaution).'],
                                'ingredients': [{'item': 'anti-ingrown-hair product',
                                                 'amount': '5 ml',
                                                 'section': 'drugstore',
                                                 'note': 'with acids and urea; 5 ml for both legs '
                                                         'is our default amount'}],
                                'limits': {'per_day': {'value': 1,
                                                       'default': 'The article gives no daily '
                                                                  'count; once a day is the usual '
                                                                  'use of such products.'},
                                           'max_per_week': {'value': 7,
                                                            'default': 'The article gives no '
                                                                       'weekly number; once a day '
                                                                       'within the lead-in.'},
                                           'min_days_between': {'value': 1,
                                                                'default': 'Daily use during the '
                                                                           'lead-in, one day after '
                                                                           'another.'},
                                           'time_of_day': {'value': 'evening',
                                                           'default': 'Evening, so the product '
                                                                      'works overnight under no '
                                                                      'tight clothing.'},
                                           'around_event': {'event': 'hair-removal',
                                                            'first_day': -14,
                                                            'last_day': -1,
                                                            'source': 'The article advises '
                                                                      'starting such products '
                                                                      'about two weeks ahead of '
                                                                      'waxing or epilation.'}}}),
 'recipes/calendula-lotion-spot.toml': ('a0941e2b019498244c601167e0cf361de81b84c950490a17964973268fe8f340',
                                        {'name': 'Calendula lotion on leg bumps',
                                         'kind': 'spot treatment',
                                         'area': 'legs',
                                         'summary': 'An alcohol-free lotion with calendula extract '
                                                    'dabbed onto each inflamed bump on the legs.',
                                         'prep_minutes': 0,
                                         'skin_minutes': 2,
                                         'minutes': 5,
                                         'steps': ['Put a little lotion on a cotton swab.',
                                                   'Dab it onto each inflamed bump only, not the '
                                                   'skin around it.',
                                                   'Use a fresh swab when the first one gets '
                                                   'dirty.',
                                                   'Let it dry.'],
                                         'contraindications': ['plant-allergy'],
                                         'warnings': ['Do not squeeze the bumps.',
                                                      'Pick a lotion without alcohol.',
                                                      'For many pus-filled bumps ask a doctor or '
                                                      'pharmacist about an antibacterial '
                                                      'ointment.'],
                                         'ingredients': [{'item': 'calendula lotion',
                                                          'amount': '1 ml',
                                                          'section': 'pharmacy',
                                                          'note': 'alcohol-free, with calendula '
                                                                  'extract; 1 ml a session is our '
                                                                  'default amount'},
                                                         {'item': 'cotton swab',
                                                          'amount': '2 cotton swabs',
                                                          'section': 'drugstore',
                                                          'note': 'our default count per session'}],
                                         'limits': {'per_day': {'value': 2,
                                                                'default': 'The article gives no '
                                                                           'frequency; twice a day '
                                                                           'suits a mild, '
                                                                           'alcohol-free lotion.'},
                                                    'times': {'value': ['08:00', '20:00'],
                                                              'default': 'Morning and evening, '
                                                                         'twelve hours apart.'},
                                                    'max_per_week': {'value': 14,
                                                                     'default': 'Two dabs a day on '
                                                                                'every day of the '
                                                                                'week at most.'},
                                                    'min_days_between': {'value': 1,
                                                                         'default': 'Daily use '
                                                                                    'while the '
                                                                                    'bumps last.'},
                                                    'time_of_day': {'value': 'morning',
                                                                    'default': 'The first session '
                                                                               'of the day is in '
                                                                               'the morning; the '
                                                                               'times give '
                                                                               'both.'}}}),
 'recipes/calendula-wipe.toml': ('1c5de79b00230d230d783962f39483027851569b776a1311ffbf3eb92a797aac',
                                 {'name': 'Calendula wipe',
                                  'kind': 'wipe',
                                  'area': 'problem areas',
                                  'summary': 'Every pimple wiped gently with a cooled calendula '
                                             'infusion, morning and evening.',
                                  'prep_minutes': 20,
                                  'skin_minutes': 2,
                                  'minutes': 25,
                                  'steps': ['Pour 100 ml of boiling water over the calendula '
                                            'flowers.',
                                            'Cover and let it steep for 15 minutes, then strain '
                                            'and let it cool.',
                                            'Soak a cotton pad in the cooled infusion.',
                                            'Wipe each pimple gently without rubbing, using a '
                                            'fresh pad when the first gets dirty.',
                                            'Let the skin air-dry.'],
                                  'contraindications': ['plant-allergy'],
                                  'warnings': ['Make a fresh infusion each time and pour away what '
                                               'is left.',
                                               'Do not squeeze the pimples.'],
                                  'ingredients': [{'item': 'dried calendula flowers',
                                                   'amount': '1 tsp',
                                                   'section': 'pharmacy',
                                                   'note': 'our default amount per session'},
                                                  {'item': 'water',
                                                   'type': 'tap',
                                                   'amount': '100 ml',
                                                   'note': 'boiled; our default amount'},
                                                  {'item': 'cotton pad',
                                                   'amount': '2 cotton pads',
                                                   'section': 'drugstore',
                                                   'note': 'our default count per session'},
                                                  {'item': 'cup',
                                                   'type': 'equipment',
                                                   'note': 'heat-proof, with a saucer as a lid'},
                                                  {'item': 'strainer', 'type': 'equipment'}],
                                  'limits': {'per_day': {'value': 2,
                                                         'source': 'The article has the pimples '
                                                                   'wiped with the infusion two '
                                                                   'times a day.'},
                                             'times': {'value': ['08:00', '20:00'],
                                                       'default': 'Morning and evening, twelve '
                                                                  'hours apart.'},
                                             'max_per_week': {'value': 14,
                                                              'source': 'Two wipes every day of '
                                                                        'the week, as the '
                                                                        "article's twice-daily "
                                                                        'advice implies.'},
                                             'min_days_between': {'value': 1,
                                                                  'source': 'The twice-daily '
                                                                            'advice means wiping '
                                                                            'every day.'},
                                             'time_of_day': {'value': 'morning',
                                                             'default': 'The first wipe of the day '
                                                                        'is in the morning; the '
                                                                        'times give both '
                                                                        'sessions.'}}}),
 'recipes/celandine-bath.toml': ('f7c7a1c65ca523f89952392bc50f4097c9543de1755e208d28df9fe97089e2a9',
                                 {'name': 'Celandine bath',
                                  'kind': 'bath',
                                  'area': 'body',
                                  'summary': 'A warm bath with a weak celandine decoction for skin '
                                             'with pimples.',
                                  'prep_minutes': 35,
                                  'skin_minutes': 15,
                                  'minutes': 60,
                                  'steps': ['Put the dried celandine in a saucepan with 1 litre of '
                                            'water.',
                                            'Bring it to the boil and simmer gently for 10 '
                                            'minutes.',
                                            'Take it off the heat, let it steep for 15 minutes, '
                                            'then strain.',
                                            'Fill the bath with warm, not hot, water and pour in '
                                            'the decoction.',
                                            'Soak for 15 minutes.',
                                            'Rinse briefly with clean water and pat dry with a '
                                            'towel.'],
                                  'aftercare': 'Pat the skin dry without rubbing; moisturise dry '
                                               'patches.',
                                  'contraindications': ['plant-allergy'],
                                  'warnings': ['Keep the water warm, not hot.',
                                               'Get out and rinse off if the skin itches, burns or '
                                               'turns red.',
                                               'Celandine is poisonous if swallowed: keep the herb '
                                               'and the decoction away from children, pets, the '
                                               'mouth and the eyes.',
                                               'Before the first bath, test the cooled decoction '
                                               'on a small patch of skin and wait a day.'],
                                  'ingredients': [{'item': 'dried celandine',
                                                   'amount': '2 tbsp',
                                                   'section': 'pharmacy',
                                                   'note': 'our default; kept low because '
                                                           'celandine is a strong herb'},
                                                  {'item': 'water', 'type': 'tap'},
                                                  {'item': 'saucepan', 'type': 'equipment'},
                                                  {'item': 'strainer', 'type': 'equipment'},
                                                  {'item': 'bath tub', 'type': 'equipment'},
                                                  {'item': 'towel', 'type': 'equipment'}],
                                  'limits': {'max_per_week': {'value': 2,
                                                              'default': 'The article gives no '
                                                                         'frequency; celandine is '
                                                                         'a strong herb, so at '
                                                                         'most twice a week.'},
                                             'min_days_between': {'value': 3,
                                                                  'default': 'Two baths a week, 3 '
                                                                             'to 4 days apart, '
                                                                             'because celandine '
                                                                             'can irritate the '
                                                                             'skin.'},
                                             'time_of_day': {'value': 'evening',
                                                             'default': 'Baths go in the evening '
                                                                        'so the skin can rest '
                                                                        'overnight.'},
                                             'not_same_day_as': {'value': ['chamomile-bath',
                                                                           'oak-bark-bath',
                                                                           'string-bath',
                                                                           'sea-salt-bath'],
                                                                 'default': 'One bath a day is '
                                                                            'enough; the soaks '
                                                                            'would only add '
                                                                            'up.'}}}),
 'recipes/chamomile-bath.toml': ('df7d0003b04d627459339b8b7c8f72e9a59602a7d3c47cffd4735ab880c051a9',
                                 {'name': 'Chamomile bath',
                                  'kind': 'bath',
                                  'area': 'body',
                                  'summary': 'A warm bath with a chamomile-flower decoction to '
                                             'soothe irritated skin.',
                                  'prep_minutes': 35,
                                  'skin_minutes': 15,
                                  'minutes': 60,
                                  'steps': ['Put the dried chamomile flowers in a saucepan with 1 '
                                            'litre of water.',
                                            'Bring it to the boil and simmer gently for 10 '
                                            'minutes.',
                                            'Take it off the heat, let it steep for 15 minutes, '
                                            'then strain.',
                                            'Fill the bath with warm, not hot, water and pour in '
                                            'the decoction.',
                                            'Soak for 15 minutes.',
                                            'Rinse briefly with clean water and pat dry with a '
                                            'towel.'],
                                  'aftercare': 'Pat the skin dry without rubbing; moisturise dry '
                                               'patches.',
                                  'contraindications': ['plant-allergy'],
                                  'warnings': ['Keep the water warm, not hot.',
                                               'Get out and rinse off if the skin itches, burns or '
                                               'turns red.'],
                                  'ingredients': [{'item': 'dried chamomile flowers',
                                                   'amount': '4 tbsp',
                                                   'section': 'pharmacy',
                                                   'note': 'our default amount for one bath'},
                                                  {'item': 'water', 'type': 'tap'},
                                                  {'item': 'saucepan', 'type': 'equipment'},
                                                  {'item': 'strainer', 'type': 'equipment'},
                                                  {'item': 'bath tub', 'type': 'equipment'},
                                                  {'item': 'towel', 'type': 'equipment'}],
                                  'limits': {'max_per_week': {'value': 3,
                                                              'default': 'The article gives no '
                                                                         'frequency; chamomile is '
                                                                         'mild, so up to three '
                                                                         'baths a week.'},
                                             'min_days_between': {'value': 2,
                                                                  'default': 'At least a day '
                                                                             'without a bath '
                                                                             'between two baths.'},
                                             'time_of_day': {'value': 'evening',
                                                             'default': 'Baths go in the evening '
                                                                        'so the skin can rest '
                                                                        'overnight.'},
                                             'not_same_day_as': {'value': ['oak-bark-bath',
                                                                           'celandine-bath',
                                                                           'string-bath',
                                                                           'sea-salt-bath'],
                                                                 'default': 'One bath a day is '
                                                                            'enough; the soaks '
                                                                            'would only add '
                                                                            'up.'}}}),
 'recipes/chlorhexidine-aftercare.toml': ('543cc115ddb5de8e4b636d34b485724f3261cabfb09ad92b901607dceaa61d3f',
                                          {'name': 'Chlorhexidine after hair removal',
                                           'kind': 'aftercare',
                                           'area': 'legs',
                                           'summary': 'Chlorhexidine solution wiped on the legs '
                                                      'after hair removal as an antiseptic that '
                                                      'does not dry the skin.',
                                           'prep_minutes': 0,
                                           'skin_minutes': 2,
                                           'minutes': 5,
                                           'steps': ['Moisten a cotton pad with the chlorhexidine '
                                                     'solution.',
                                                     'Wipe the skin where the hair was removed.',
                                                     'Take a fresh pad for the other leg.',
                                                     'Let it dry; do not rinse it off.'],
                                           'contraindications': ['chlorhexidine-allergy'],
                                           'warnings': ['Use the solution instead of alcohol, '
                                                        'which dries the skin.',
                                                        'Stop and see a doctor if a rash or '
                                                        'itching appears.'],
                                           'ingredients': [{'item': 'chlorhexidine solution',
                                                            'amount': '10 ml',
                                                            'section': 'pharmacy',
                                                            'note': 'ready-made water-based '
                                                                    'solution such as 0.05%; the '
                                                                    'strength and 10 ml for both '
                                                                    'legs are our defaults, the '
                                                                    'article names neither'},
                                                           {'item': 'cotton pad',
                                                            'amount': '2 cotton pads',
                                                            'section': 'drugstore',
                                                            'note': 'one per leg; our default'}],
                                           'limits': {'per_day': {'value': 1,
                                                                  'default': 'The article gives no '
                                                                             'count; once a day is '
                                                                             'enough for an '
                                                                             'antiseptic on intact '
                                                                             'skin.'},
                                                      'max_per_week': {'value': 3,
                                                                       'default': 'Only the '
                                                                                  'hair-removal '
                                                                                  'day and the two '
                                                                                  'days after it.'},
                                                      'min_days_between': {'value': 1,
                                                                           'default': 'One '
                                                                                      'application '
                                                                                      'on each day '
                                                                                      'of the '
                                                                                      'short '
                                                                                      'aftercare '
                                                                                      'window.'},
                                                      'time_of_day': {'value': 'evening',
                                                                      'default': 'Evening, after '
                                                                                 'the hair removal '
                                                                                 'earlier in the '
                                                                                 'day.'},
                                                      'around_event': {'event': 'hair-removal',
                                                                       'first_day': 0,
                                                                       'last_day': 2,
                                                                       'default': 'The article '
                                                                                  'says to apply '
                                                                                  'an antiseptic '
                                                                                  'after hair '
                                                                                  'removal but not '
                                                                                  'for how long; '
                                                                                  'the day itself '
                                                                                  'and the two '
                                                                                  'days after '
                                                                                  'cover the time '
                                                                                  'when the '
                                                                                  'follicles are '
                                                                                  'open.'}}}),
 'recipes/clay-mask.toml': ('fe52af2ab5b07a29cac68de51a00fb30dba94a39d971f512e03c1409bf8d3117',
                            {'name': 'Healing-clay mask',
                             'kind': 'mask',
                             'area': 'problem areas',
                             'effects': ['drying'],
                             'summary': 'A pharmacy healing-clay (or mud-algae) mask spread on the '
                                        'problem areas.',
                             'prep_minutes': 5,
                             'skin_minutes': 15,
                             'minutes': 30,
                             'steps': ['Mix the clay with a little warm water into a smooth, thick '
                                       'paste.',
                                       'For a ready-made mud-algae mask, follow the directions on '
                                       'the pack instead.',
                                       'Spread the paste over the problem areas.',
                                       'Leave it on for 15 minutes; do not let it dry to a crust.',
                                       'Rinse it off with warm water and pat the skin dry.'],
                             'aftercare': 'Apply a light moisturiser if the skin feels tight.',
                             'contraindications': ['damaged-skin'],
                             'warnings': ['Keep the mask off cuts and scratches (our precaution).',
                                          'Clay dries the skin, so stay within the weekly limit.'],
                             'ingredients': [{'item': 'healing clay',
                                              'amount': '3 tbsp',
                                              'section': 'pharmacy',
                                              'note': 'or a mud-algae mask; amount is our default'},
                                             {'item': 'water', 'type': 'tap'},
                                             {'item': 'bowl', 'type': 'equipment'}],
                             'limits': {'max_per_week': {'value': 2,
                                                         'default': 'The article sets no '
                                                                    'frequency; twice a week is '
                                                                    'gentle on skin that clay '
                                                                    'dries out.'},
                                        'min_days_between': {'value': 3,
                                                             'default': 'Two sessions a week, '
                                                                        'spaced 3 to 4 days apart '
                                                                        'so the skin can recover.'},
                                        'time_of_day': {'value': 'evening',
                                                        'default': 'Masks go in the evening so the '
                                                                   'skin rests overnight.'},
                                        'not_same_day_as': {'value': ['soda-mask',
                                                                      'salt-clay-mask',
                                                                      'fruit-acid-peel',
                                                                      'fruit-acid-peel-daily'],
                                                            'default': 'One drying or exfoliating '
                                                                       'treatment a day is enough '
                                                                       'for the skin.'}}}),
 'recipes/fruit-acid-peel-daily.toml': ('cc0aa4c54df84a61eac6e6e1520db405e516ae7a0153c644dc047dfdd6662003',
                                        {'name': 'Fruit-acid home peel (daily, for inflammation)',
                                         'kind': 'mask',
                                         'area': 'back',
                                         'effects': ['exfoliating'],
                                         'summary': 'The low-concentration fruit-acid peel used '
                                                    'every day, for a while, to calm inflamed '
                                                    'skin.',
                                         'prep_minutes': 5,
                                         'skin_minutes': 5,
                                         'minutes': 20,
                                         'steps': ['Wash the back with a cleanser that suits your '
                                                   'skin type and pat it dry.',
                                                   'Spread a thin layer of the fruit-acid peel '
                                                   'over the clean skin.',
                                                   'Leave it on for 5 minutes.',
                                                   'Rinse it off thoroughly with cool water.',
                                                   'Pat dry and apply a plain moisturiser.'],
                                         'aftercare': 'Keep the treated skin out of the sun while '
                                                      'you use the peel.',
                                         'contraindications': ['acid-intolerance',
                                                               'eczema',
                                                               'herpes',
                                                               'psoriasis',
                                                               'pustular-lesions',
                                                               'damaged-skin',
                                                               'keloid-scars',
                                                               'large-moles',
                                                               'oncological-disease'],
                                         'warnings': ['Use only a low-concentration product meant '
                                                      'for home use.',
                                                      'Stop the daily peel once the inflammation '
                                                      'has settled, or sooner if the skin turns '
                                                      'red, flakes or burns.',
                                                      'Choose either this daily peel or the weekly '
                                                      'one, not both.'],
                                         'ingredients': [{'item': 'fruit-acid peel',
                                                          'amount': '5 ml',
                                                          'section': 'drugstore',
                                                          'note': 'low concentration, for home '
                                                                  'use; 5 ml for the back is our '
                                                                  'default amount'},
                                                         {'item': 'cleanser',
                                                          'amount': 'as needed',
                                                          'section': 'drugstore',
                                                          'note': 'suited to your skin type'},
                                                         {'item': 'moisturiser',
                                                          'amount': 'as needed',
                                                          'section': 'drugstore'},
                                                         {'item': 'water', 'type': 'tap'}],
                                         'limits': {'per_day': {'value': 1,
                                                                'default': 'The article says every '
                                                                           'day, not how often in '
                                                                           'a day; once is the '
                                                                           'cautious reading.'},
                                                    'max_per_week': {'value': 7,
                                                                     'source': 'To relieve '
                                                                               'inflammation the '
                                                                               'article allows the '
                                                                               'mask every day.'},
                                                    'min_days_between': {'value': 1,
                                                                         'source': 'Daily use is '
                                                                                   'what the '
                                                                                   'article allows '
                                                                                   'for '
                                                                                   'inflammation.'},
                                                    'time_of_day': {'value': 'evening',
                                                                    'default': 'Acids make skin '
                                                                               'more sensitive to '
                                                                               'sun, so the peel '
                                                                               'goes in the '
                                                                               'evening.'},
                                                    'not_same_day_as': {'value': ['fruit-acid-peel',
                                                                                  'soda-mask',
                                                                                  'salt-clay-mask',
                                                                                  'clay-mask'],
                                                                        'default': 'One '
                                                                                   'exfoliating or '
                                                                                   'drying '
                                                                                   'treatment a '
                                                                                   'day is enough '
                                                                                   'for the '
                                                                                   'skin.'}}}),
 'recipes/fruit-acid-peel.toml': ('6225090c4fd0cbe31db1f445406d459ed3c99d158aecbf354876b56e48b24f49',
                                  {'name': 'Fruit-acid home peel (weekly)',
                                   'kind': 'mask',
                                   'area': 'back',
                                   'effects': ['exfoliating'],
                                   'summary': 'A low-concentration fruit-acid peel on cleansed '
                                              'skin, no more than once a week, to renew it.',
                                   'prep_minutes': 5,
                                   'skin_minutes': 10,
                                   'minutes': 25,
                                   'steps': ['Wash the back with a cleanser that suits your skin '
                                             'type and pat it dry.',
                                             'Spread a thin layer of the fruit-acid peel over the '
                                             'clean skin.',
                                             'Leave it on for 10 minutes, or less if the label '
                                             'says so.',
                                             'Rinse it off thoroughly with cool water.',
                                             'Pat dry and apply a plain moisturiser.'],
                                   'aftercare': 'Keep the treated skin out of the sun for a few '
                                                'days.',
                                   'contraindications': ['acid-intolerance',
                                                         'eczema',
                                                         'herpes',
                                                         'psoriasis',
                                                         'pustular-lesions',
                                                         'damaged-skin',
                                                         'keloid-scars',
                                                         'large-moles',
                                                         'oncological-disease'],
                                   'warnings': ['Use only a low-concentration product meant for '
                                                'home use.',
                                                'A light tingle is normal; rinse at once if it '
                                                'burns.',
                                                'Choose either this weekly peel or the daily one, '
                                                'not both.'],
                                   'ingredients': [{'item': 'fruit-acid peel',
                                                    'amount': '5 ml',
                                                    'section': 'drugstore',
                                                    'note': 'low concentration, for home use; 5 ml '
                                                            'for the back is our default amount'},
                                                   {'item': 'cleanser',
                                                    'amount': 'as needed',
                                                    'section': 'drugstore',
                                                    'note': 'suited to your skin type'},
                                                   {'item': 'moisturiser',
                                                    'amount': 'as needed',
                                                    'section': 'drugstore'},
                                                   {'item': 'water', 'type': 'tap'}],
                                   'limits': {'max_per_week': {'value': 1,
                                                               'source': 'For a rejuvenating, '
                                                                         'healing effect the '
                                                                         'article limits this mask '
                                                                         'to once a week at most.'},
                                              'min_days_between': {'value': 7,
                                                                   'source': 'Follows from the '
                                                                             "article's "
                                                                             'once-a-week maximum: '
                                                                             'a week between '
                                                                             'peels.'},
                                              'time_of_day': {'value': 'evening',
                                                              'default': 'Acids make skin more '
                                                                         'sensitive to sun, so the '
                                                                         'peel goes in the '
                                                                         'evening.'},
                                              'not_same_day_as': {'value': ['fruit-acid-peel-daily',
                                                                            'soda-mask',
                                                                            'salt-clay-mask',
                                                                            'clay-mask'],
                                                                  'default': 'One exfoliating or '
                                                                             'drying treatment a '
                                                                             'day is enough for '
                                                                             'the skin.'}}}),
 'recipes/oak-bark-bath.toml': ('c60a9b8899083f0cf30b9187e41c6bf8e94e8c72f3a7e27f4efc3e6a2f5d4e82',
                                {'name': 'Oak-bark bath',
                                 'kind': 'bath',
                                 'area': 'body',
                                 'effects': ['drying'],
                                 'summary': 'A warm bath with an oak-bark decoction, which '
                                            'tightens and dries oily skin.',
                                 'prep_minutes': 45,
                                 'skin_minutes': 15,
                                 'minutes': 70,
                                 'steps': ['Put the oak bark in a saucepan with 1 litre of water.',
                                           'Bring it to the boil and simmer gently for 20 minutes.',
                                           'Take it off the heat, let it steep for 15 minutes, '
                                           'then strain.',
                                           'Fill the bath with warm, not hot, water and pour in '
                                           'the decoction.',
                                           'Soak for 15 minutes.',
                                           'Rinse briefly with clean water and pat dry with a '
                                           'towel.'],
                                 'aftercare': 'Pat the skin dry without rubbing; moisturise dry '
                                              'patches.',
                                 'contraindications': ['plant-allergy'],
                                 'warnings': ['Keep the water warm, not hot.',
                                              'Get out and rinse off if the skin itches, burns or '
                                              'turns red.',
                                              'Oak bark is astringent and dries the skin: '
                                              'moisturise afterwards.'],
                                 'ingredients': [{'item': 'oak bark',
                                                  'amount': '4 tbsp',
                                                  'section': 'pharmacy',
                                                  'note': 'our default amount for one bath'},
                                                 {'item': 'water', 'type': 'tap'},
                                                 {'item': 'saucepan', 'type': 'equipment'},
                                                 {'item': 'strainer', 'type': 'equipment'},
                                                 {'item': 'bath tub', 'type': 'equipment'},
                                                 {'item': 'towel', 'type': 'equipment'}],
                                 'limits': {'max_per_week': {'value': 2,
                                                             'default': 'The article gives no '
                                                                        'frequency; oak bark dries '
                                                                        'the skin, so at most '
                                                                        'twice a week.'},
                                            'min_days_between': {'value': 3,
                                                                 'default': 'Two baths a week, 3 '
                                                                            'to 4 days apart so '
                                                                            'the skin does not dry '
                                                                            'out.'},
                                            'time_of_day': {'value': 'evening',
                                                            'default': 'Baths go in the evening so '
                                                                       'the skin can rest '
                                                                       'overnight.'},
                                            'not_same_day_as': {'value': ['chamomile-bath',
                                                                          'celandine-bath',
                                                                          'string-bath',
                                                                          'sea-salt-bath'],
                                                                'default': 'One bath a day is '
                                                                           'enough; the soaks '
                                                                           'would only add up.'}}}),
 'recipes/peroxide-spot.toml': ('eab1831845462bbc9d3118efb38568cfa9fae72917af91e8972c95323f5633a1',
                                {'name': 'Hydrogen peroxide spot treatment',
                                 'kind': 'spot treatment',
                                 'area': 'problem areas',
                                 'effects': ['drying'],
                                 'summary': 'Problem spots touched with a cotton swab dipped in 3% '
                                            'hydrogen peroxide.',
                                 'prep_minutes': 1,
                                 'skin_minutes': 2,
                                 'minutes': 5,
                                 'steps': ['Dip a cotton swab in the 3% hydrogen peroxide.',
                                           'Touch each problem spot with it; do not rub.',
                                           'Take a fresh swab when the first one gets dirty.',
                                           'Let the spots air-dry.'],
                                 'contraindications': ['peroxide-sensitivity'],
                                 'warnings': ['Use only the 3% solution, never a stronger one.',
                                              'Peroxide can dry and bleach the skin: stop if it '
                                              'burns, flakes or stays red.',
                                              'Keep it away from the eyes.'],
                                 'ingredients': [{'item': 'hydrogen peroxide 3%',
                                                  'amount': '5 ml',
                                                  'section': 'pharmacy',
                                                  'note': 'our default amount per session'},
                                                 {'item': 'cotton swab',
                                                  'amount': '3 cotton swabs',
                                                  'section': 'drugstore',
                                                  'note': 'our default count per session'}],
                                 'limits': {'per_day': {'value': 1,
                                                        'default': 'The article only says to do it '
                                                                   'regularly; once a day is our '
                                                                   'cautious reading because '
                                                                   'peroxide dries the skin.'},
                                            'max_per_week': {'value': 7,
                                                             'default': 'No weekly number in the '
                                                                        'article; at most one '
                                                                        'session a day.'},
                                            'min_days_between': {'value': 1,
                                                                 'default': 'Daily use is allowed, '
                                                                            'one session day after '
                                                                            'another.'},
                                            'time_of_day': {'value': 'evening',
                                                            'default': 'Evening, after washing, so '
                                                                       'the spots are clean.'}}}),
 'recipes/salon-chemical-cleansing.toml': ('41a23da3ffa6a92bf16107424552525ed01862de24cbe04c7616b5dde7dc4042',
                                           {'name': 'Salon back cleansing with acids',
                                            'kind': 'salon appointment',
                                            'area': 'back',
                                            'effects': ['exfoliating'],
                                            'summary': 'A deep, gentle salon cleansing of the back '
                                                       'with layered acid and enzyme peels (length '
                                                       'is our 90-minute guess).',
                                            'minutes': 90,
                                            'steps': ['Tell the cosmetologist about any skin '
                                                      'disease, allergy or medicine first.',
                                                      'Cleansing: the skin is washed with a '
                                                      'product for your skin type to lift oil and '
                                                      'dirt.',
                                                      'Light peel: a low-strength fruit-acid mask '
                                                      'softens dead cells and opens the pores.',
                                                      'Stronger peel: glycolic acid with fruit or '
                                                      'berry extracts is massaged in gently.',
                                                      'Enzyme peel: a whey-protein enzyme layer '
                                                      'opens the pores fully and moistens the '
                                                      'skin.',
                                                      'Moisturising: napkins soaked in moisturiser '
                                                      'stay on for ten minutes, then an '
                                                      'antibacterial lotion follows.',
                                                      'Calming mask: a soothing mask ends the '
                                                      'session and tightens the pores.'],
                                            'aftercare': 'Leave the back alone for two days: the '
                                                         'products keep working during that time.',
                                            'contraindications': ['acid-intolerance',
                                                                  'eczema',
                                                                  'herpes',
                                                                  'psoriasis',
                                                                  'pustular-lesions',
                                                                  'damaged-skin',
                                                                  'keloid-scars',
                                                                  'large-moles',
                                                                  'oncological-disease'],
                                            'warnings': ['A slight tingle is possible on very '
                                                         'sensitive skin; redness should fade '
                                                         'within hours.',
                                                         'Skip home peels and masks for two days '
                                                         'afterwards, while the salon products are '
                                                         'still active.',
                                                         'The 90-minute length is our estimate; '
                                                         'ask the salon.'],
                                            'limits': {'max_per_week': {'value': 1,
                                                                        'default': 'The article '
                                                                                   'gives no '
                                                                                   'frequency; one '
                                                                                   'salon '
                                                                                   'cleansing a '
                                                                                   'week at most.'},
                                                       'min_days_between': {'value': 14,
                                                                            'default': 'The '
                                                                                       'products '
                                                                                       'act for '
                                                                                       'about two '
                                                                                       'days and '
                                                                                       'the skin '
                                                                                       'then needs '
                                                                                       'time to '
                                                                                       'renew; two '
                                                                                       'weeks '
                                                                                       'apart is '
                                                                                       'our '
                                                                                       'cautious '
                                                                                       'choice.'},
                                                       'time_of_day': {'value': 'afternoon',
                                                                       'default': 'Salon hours; '
                                                                                  'the evening '
                                                                                  'stays free for '
                                                                                  'the skin to '
                                                                                  'rest.'},
                                                       'not_same_day_as': {'value': ['salon-ultrasonic-cleansing',
                                                                                     'fruit-acid-peel',
                                                                                     'fruit-acid-peel-daily',
                                                                                     'soda-mask',
                                                                                     'salt-clay-mask',
                                                                                     'clay-mask'],
                                                                           'default': 'No other '
                                                                                      'cleansing, '
                                                                                      'peel or '
                                                                                      'drying mask '
                                                                                      'on the day '
                                                                                      'of a salon '
                                                                                      'cleansing.'}}}),
 'recipes/salon-ultrasonic-cleansing.toml': ('9ebcb81216fa373a761855d27e15d9556d07198b87f1da3e580378345ef3e08a',
                                             {'name': 'Salon ultrasonic back cleansing',
                                              'kind': 'salon appointment',
                                              'area': 'back',
                                              'effects': ['exfoliating'],
                                              'summary': 'A salon cleansing of the back with an '
                                                         'ultrasonic peeling device, taking about '
                                                         'two hours.',
                                              'minutes': 120,
                                              'steps': ['Tell the cosmetologist about any skin '
                                                        'disease, allergy or medicine first.',
                                                        'Cleansing: the skin is cleaned with a '
                                                        'lotion or milk made for the procedure.',
                                                        'Steaming: vapour opens the ducts of the '
                                                        'oil glands.',
                                                        'Toning: a toner is applied.',
                                                        'Enzyme peel: used only if the '
                                                        'cosmetologist prescribes it.',
                                                        'Preparation: a hydrating gel is spread on '
                                                        'the skin.',
                                                        'Ultrasonic peel: the device cleans the '
                                                        'pores.',
                                                        'Finish: a mask if needed with a light '
                                                        'massage, then a nourishing serum and a '
                                                        'finishing cream.'],
                                              'aftercare': 'Leave the back alone for two days: the '
                                                           'products keep working during that '
                                                           'time.',
                                              'contraindications': ['acid-intolerance',
                                                                    'eczema',
                                                                    'herpes',
                                                                    'psoriasis',
                                                                    'pustular-lesions',
                                                                    'damaged-skin',
                                                                    'keloid-scars',
                                                                    'large-moles',
                                                                    'oncological-disease'],
                                              'warnings': ['Skip home peels and masks for two days '
                                                           'afterwards, while the salon products '
                                                           'are still active.',
                                                           'The cosmetologist may suggest '
                                                           'combining ultrasound with vacuum or '
                                                           'manual cleansing.'],
                                              'limits': {'max_per_week': {'value': 1,
                                                                          'default': 'The article '
                                                                                     'gives no '
                                                                                     'frequency; '
                                                                                     'one salon '
                                                                                     'cleansing a '
                                                                                     'week at '
                                                                                     'most.'},
                                                         'min_days_between': {'value': 14,
                                                                              'default': 'The '
                                                                                         'products '
                                                                                         'act for '
                                                                                         'about '
                                                                                         'two days '
                                                                                         'and the '
                                                                                         'skin '
                                                                                         'then '
                                                                                         'needs '
                                                                                         'time to '
                                                                                         'renew; '
                                                                                         'two '
                                                                                         'weeks '
                                                                                         'apart is '
                                                                                         'our '
                                                                                         'cautious '
                                                                                         'choice.'},
                                                         'time_of_day': {'value': 'afternoon',
                                                                         'default': 'Salon hours; '
                                                                                    'the evening '
                                                                                    'stays free '
                                                                                    'for the skin '
                                                                                    'to rest.'},
                                                         'not_same_day_as': {'value': ['salon-chemical-cleansing',
                                                                                       'fruit-acid-peel',
                                                                                       'fruit-acid-peel-daily',
                                                                                       'soda-mask',
                                                                                       'salt-clay-mask',
                                                                                       'clay-mask'],
                                                                             'default': 'No other '
                                                                                        'cleansing, '
                                                                                        'peel or '
                                                                                        'drying '
                                                                                        'mask on '
                                                                                        'the day '
                                                                                        'of a '
                                                                                        'salon '
                                                                                        'cleansing.'}}}),
 'recipes/salt-clay-mask.toml': ('76b31b5b4bcdf8cbd351618b2cf073ec7b4290f1493eb16b064836aef9c3a5c5',
                                 {'name': 'Sea-salt and healing-clay mask',
                                  'kind': 'mask',
                                  'area': 'problem areas',
                                  'effects': ['drying', 'exfoliating'],
                                  'summary': 'Sea salt dissolved in water, thickened with healing '
                                             'clay into a paste for spots and pimples.',
                                  'prep_minutes': 10,
                                  'skin_minutes': 15,
                                  'minutes': 35,
                                  'steps': ['Pour warm water into a large bowl.',
                                            'Stir in the sea salt until no crystals are left.',
                                            'Add the clay a spoonful at a time until you have a '
                                            'thick paste.',
                                            'Spread the paste over the problem areas.',
                                            'Leave it on for 15 minutes.',
                                            'Rinse it all off carefully with warm water and pat '
                                            'the skin dry.'],
                                  'aftercare': 'Apply a light moisturiser if the skin feels tight.',
                                  'contraindications': ['damaged-skin'],
                                  'warnings': ['Salt stings in cuts and scratches: keep the paste '
                                               'off broken skin (our precaution).',
                                               'Clay and salt both dry the skin, so stay within '
                                               'the weekly limit.'],
                                  'ingredients': [{'item': 'water',
                                                   'type': 'tap',
                                                   'amount': '50 ml',
                                                   'note': 'our default; the article gives no '
                                                           'amount, only enough for a paste'},
                                                  {'item': 'sea salt',
                                                   'amount': '1 tsp',
                                                   'section': 'grocery',
                                                   'note': 'our default; the article gives no '
                                                           'amount'},
                                                  {'item': 'healing clay',
                                                   'amount': '4 tbsp',
                                                   'section': 'pharmacy',
                                                   'note': 'our default; add until the paste is '
                                                           'thick'},
                                                  {'item': 'bowl',
                                                   'type': 'equipment',
                                                   'note': 'a large one'}],
                                  'limits': {'max_per_week': {'value': 2,
                                                              'default': 'The article sets no '
                                                                         'frequency; twice a week '
                                                                         'keeps drying salt and '
                                                                         'clay from overworking '
                                                                         'the skin.'},
                                             'min_days_between': {'value': 3,
                                                                  'default': 'Two sessions a week, '
                                                                             'spaced 3 to 4 days '
                                                                             'apart so the skin '
                                                                             'can recover.'},
                                             'time_of_day': {'value': 'evening',
                                                             'default': 'Masks go in the evening '
                                                                        'so the skin rests '
                                                                        'overnight.'},
                                             'not_same_day_as': {'value': ['soda-mask',
                                                                           'clay-mask',
                                                                           'fruit-acid-peel',
                                                                           'fruit-acid-peel-daily'],
                                                                 'default': 'One drying or '
                                                                            'exfoliating treatment '
                                                                            'a day is enough for '
                                                                            'the skin.'}}}),
 'recipes/sea-salt-bath.toml': ('40f133fede5d9961e1b1c44aec952da2343d3fd639dd1b2facf7928aa46ca17d',
                                {'name': 'Sea-salt bath',
                                 'kind': 'bath',
                                 'area': 'body',
                                 'effects': ['drying'],
                                 'summary': 'A warm bath with dissolved sea salt for skin prone to '
                                            'pimples.',
                                 'prep_minutes': 10,
                                 'skin_minutes': 15,
                                 'minutes': 35,
                                 'steps': ['Fill the bath with warm, not hot, water.',
                                           'Pour in the sea salt and stir until it has dissolved.',
                                           'Soak for 15 minutes.',
                                           'Rinse the salt off under the shower and pat dry with a '
                                           'towel.'],
                                 'aftercare': 'Pat the skin dry without rubbing; moisturise dry '
                                              'patches.',
                                 'contraindications': ['damaged-skin'],
                                 'warnings': ['Salt stings in cuts and scratches: skip the bath '
                                              'while the skin is broken (our precaution).',
                                              'Keep the water warm, not hot.',
                                              'Salt dries the skin, so stay within the weekly '
                                              'limit.'],
                                 'ingredients': [{'item': 'sea salt',
                                                  'amount': '500 g',
                                                  'section': 'grocery',
                                                  'note': 'coarse, without additives; amount is '
                                                          'our default for one bath'},
                                                 {'item': 'water', 'type': 'tap'},
                                                 {'item': 'bath tub', 'type': 'equipment'},
                                                 {'item': 'towel', 'type': 'equipment'}],
                                 'limits': {'max_per_week': {'value': 2,
                                                             'default': 'The article gives no '
                                                                        'frequency; salt dries the '
                                                                        'skin, so at most twice a '
                                                                        'week.'},
                                            'min_days_between': {'value': 3,
                                                                 'default': 'Two baths a week, 3 '
                                                                            'to 4 days apart so '
                                                                            'the skin does not dry '
                                                                            'out.'},
                                            'time_of_day': {'value': 'evening',
                                                            'default': 'Baths go in the evening so '
                                                                       'the skin can rest '
                                                                       'overnight.'},
                                            'not_same_day_as': {'value': ['chamomile-bath',
                                                                          'oak-bark-bath',
                                                                          'celandine-bath',
                                                                          'string-bath'],
                                                                'default': 'One bath a day is '
                                                                           'enough; the soaks '
                                                                           'would only add up.'}}}),
 'recipes/soda-mask.toml': ('258edad9875fa281f676f32c5e96efcfe22499bdfa71c5ff97910f0a25a3e420',
                            {'name': 'Baking-soda mask',
                             'kind': 'mask',
                             'area': 'back',
                             'effects': ['drying'],
                             'summary': 'A paste of baking soda, soap and water that dries out '
                                        'small red pimples.',
                             'prep_minutes': 10,
                             'skin_minutes': 10,
                             'minutes': 30,
                             'steps': ['Steam the back well (a hot shower or a warm wet towel) so '
                                       'the pores open.',
                                       'Stir the baking soda, a little soap and some water into a '
                                       'smooth paste.',
                                       'Spread the paste with a cotton pad in light circles; do '
                                       'not rub it in.',
                                       'Lie on your stomach and leave it on for 10 minutes.',
                                       'Rinse the mask off with warm water.'],
                             'aftercare': 'Put a medicated cream on the treated skin.',
                             'contraindications': ['open-pimples',
                                                   'mature-pimples',
                                                   'advanced-acne'],
                             'warnings': ['Soda dries the skin: keep to the weekly limit.',
                                          'For severe acne see a dermatologist instead.'],
                             'ingredients': [{'item': 'baking soda',
                                              'amount': '1 tbsp',
                                              'section': 'grocery'},
                                             {'item': 'soap',
                                              'amount': 'as needed',
                                              'section': 'drugstore',
                                              'note': 'plain, unscented'},
                                             {'item': 'water', 'type': 'tap'},
                                             {'item': 'cotton pad',
                                              'amount': '1 cotton pad',
                                              'section': 'drugstore'},
                                             {'item': 'bowl', 'type': 'equipment'}],
                             'limits': {'max_per_week': {'value': 2,
                                                         'source': 'No more than a couple of times '
                                                                   'a week.'},
                                        'min_days_between': {'value': 3,
                                                             'default': 'Two sessions a week, kept '
                                                                        '3 to 4 days apart so the '
                                                                        'dried skin recovers.'},
                                        'time_of_day': {'value': 'evening',
                                                        'default': 'Masks go in the evening so the '
                                                                   'skin rests overnight.'},
                                        'not_same_day_as': {'value': ['fruit-acid-peel',
                                                                      'fruit-acid-peel-daily',
                                                                      'salt-clay-mask',
                                                                      'clay-mask'],
                                                            'default': 'One drying or exfoliating '
                                                                       'treatment a day is enough '
                                                                       'for the skin.'}}}),
 'recipes/string-bath.toml': ('346a91562a8d54968aa55bf1e568c26ef8aecc04f1f0d25ae252f769eb1cb2e9',
                              {'name': 'String bath',
                               'kind': 'bath',
                               'area': 'body',
                               'summary': 'A warm bath with a decoction of string (bur marigold) '
                                          'for inflamed skin.',
                               'prep_minutes': 35,
                               'skin_minutes': 15,
                               'minutes': 60,
                               'steps': ['Put the dried string herb in a saucepan with 1 litre of '
                                         'water.',
                                         'Bring it to the boil and simmer gently for 10 minutes.',
                                         'Take it off the heat, let it steep for 15 minutes, then '
                                         'strain.',
                                         'Fill the bath with warm, not hot, water and pour in the '
                                         'decoction.',
                                         'Soak for 15 minutes.',
                                         'Rinse briefly with clean water and pat dry with a '
                                         'towel.'],
                               'aftercare': 'Pat the skin dry without rubbing; moisturise dry '
                                            'patches.',
                               'contraindications': ['plant-allergy'],
                               'warnings': ['Keep the water warm, not hot.',
                                            'Get out and rinse off if the skin itches, burns or '
                                            'turns red.'],
                               'ingredients': [{'item': 'dried string herb',
                                                'amount': '4 tbsp',
                                                'section': 'pharmacy',
                                                'note': 'Bidens tripartita, also sold as bur '
                                                        'marigold; amount is our default'},
                                               {'item': 'water', 'type': 'tap'},
                                               {'item': 'saucepan', 'type': 'equipment'},
                                               {'item': 'strainer', 'type': 'equipment'},
                                               {'item': 'bath tub', 'type': 'equipment'},
                                               {'item': 'towel', 'type': 'equipment'}],
                               'limits': {'max_per_week': {'value': 3,
                                                           'default': 'The article gives no '
                                                                      'frequency; string is a mild '
                                                                      'herb, so up to three baths '
                                                                      'a week.'},
                                          'min_days_between': {'value': 2,
                                                               'default': 'At least a day without '
                                                                          'a bath between two '
                                                                          'baths.'},
                                          'time_of_day': {'value': 'evening',
                                                          'default': 'Baths go in the evening so '
                                                                     'the skin can rest '
                                                                     'overnight.'},
                                          'not_same_day_as': {'value': ['chamomile-bath',
                                                                        'oak-bark-bath',
                                                                        'celandine-bath',
                                                                        'sea-salt-bath'],
                                                              'default': 'One bath a day is '
                                                                         'enough; the soaks would '
                                                                         'only add up.'}}}),
 'templates/acid-peel-course.toml': ('9fbcaabf6839c6b161f378f6c27386e7e880897a1940af5c6733a08978a1a420',
                                     {'title': 'Acid peel course with a salon cleansing',
                                      'summary': 'Weekly low-concentration fruit-acid peel, '
                                                 'calendula wipe twice a day, a sea-salt bath once '
                                                 'a week, and an ultrasonic cleansing at the salon '
                                                 'in week 4.',
                                      'weeks': 6,
                                      'availability': {'windows': ['07:00-08:30', '18:30-22:30']},
                                      'remedies': [{'recipe': 'fruit-acid-peel',
                                                    'per_week': 1,
                                                    'days': ['wed']},
                                                   {'recipe': 'calendula-wipe', 'per_day': 2},
                                                   {'recipe': 'sea-salt-bath',
                                                    'per_week': 1,
                                                    'days': ['sat', 'sun']}],
                                      'events': [{'event': 'salon-cleansing',
                                                  'title': 'Ultrasonic back cleansing at the salon',
                                                  'day': 24,
                                                  'time': '16:00',
                                                  'recipe': 'salon-ultrasonic-cleansing',
                                                  'keep_clear': {'recipes': ['fruit-acid-peel'],
                                                                 'first_day': -2,
                                                                 'last_day': 2,
                                                                 'default': 'No home peel in the '
                                                                            'two days around a '
                                                                            'salon cleansing: the '
                                                                            'salon products stay '
                                                                            'active for two '
                                                                            'days.'}}]}),
 'templates/back-care.toml': ('c5e77e6483856fb125df46e90895d595fc372308296ee3cb98ae89f9801b5d3c',
                              {'title': 'Back care',
                               'summary': 'Soda mask twice a week, sea-salt and clay mask once a '
                                          'week, calendula wipe twice a day, a chamomile bath on '
                                          'Sundays.',
                               'weeks': 4,
                               'availability': {'days': ['mon',
                                                         'tue',
                                                         'wed',
                                                         'thu',
                                                         'fri',
                                                         'sat',
                                                         'sun'],
                                                'windows': ['07:00-08:30', '19:00-22:30']},
                               'remedies': [{'recipe': 'soda-mask',
                                             'per_week': 2,
                                             'days': ['mon', 'thu']},
                                            {'recipe': 'salt-clay-mask',
                                             'per_week': 1,
                                             'days': ['sat']},
                                            {'recipe': 'calendula-wipe',
                                             'per_day': 2,
                                             'times': ['07:15', '21:45']},
                                            {'recipe': 'chamomile-bath',
                                             'per_week': 1,
                                             'days': ['sun']}]}),
 'templates/inflammation-flare.toml': ('7fba632d5dc742787b5ed361797030efeca992312dc40629426cad4ab5703008',
                                       {'title': 'Calming an inflamed flare',
                                        'summary': 'The fruit-acid peel every evening for '
                                                   'inflammation, a gentle calendula wipe every '
                                                   'morning, and a soothing chamomile bath twice a '
                                                   'week.',
                                        'weeks': 2,
                                        'availability': {'windows': ['07:00-08:30', '19:00-23:00']},
                                        'remedies': [{'recipe': 'fruit-acid-peel-daily',
                                                      'per_day': 1},
                                                     {'recipe': 'calendula-wipe',
                                                      'per_day': 1,
                                                      'times': ['07:30']},
                                                     {'recipe': 'chamomile-bath', 'per_week': 2}]}),
 'templates/legs-hair-removal.toml': ('5f33d09e1736670234b8bec9fb6a1a1460aeee35a135a26e97c3e22f07bd955e',
                                      {'title': 'Legs: before and after hair removal',
                                       'summary': 'Anti-ingrown-hair product every evening for the '
                                                  'two weeks before hair removal on day 15, '
                                                  'chlorhexidine on that day and the two days '
                                                  'after, calendula lotion on inflamed bumps.',
                                       'weeks': 3,
                                       'availability': {'windows': ['07:00-08:30', '19:00-22:30']},
                                       'events': [{'event': 'hair-removal',
                                                   'title': 'Hair removal (waxing or epilation)',
                                                   'day': 15,
                                                   'time': '18:00',
                                                   'minutes': 60}],
                                       'remedies': [{'recipe': 'anti-ingrown'},
                                                    {'recipe': 'chlorhexidine-aftercare'},
                                                    {'recipe': 'calendula-lotion-spot',
                                                     'per_week': 3,
                                                     'per_day': 1,
                                                     'times': ['20:30']}]})}


# "file.toml" of each built-in recipe -> (the SHA-256 of its bytes, the recipe made from
# it, with its origin left empty)
RECIPES: dict[str, tuple[str, Recipe]] = {
    'anti-ingrown.toml': ('d4af3d9d0483a0361fe60eff6af4a575705bd46d85c28d1da1057b3a803311e2', Recipe(id='anti-ingrown', name='Anti-ingrown-hair product', kind='leave-on product', summary='A leave-on product with acids and urea, used daily for about two weeks before hair removal.', ingredients=(Ingredient(item='anti-ingrown-hair product', quantity=Quantity(amount=5.0, unit='ml', text='5 ml'), type='consumable', section='drugstore', note='with acids and urea; 5 ml for both legs is our default amount', density=None),), steps=('Make sure the legs are clean and dry.', 'Spread a thin layer of the product over the legs.', 'Let it soak in; do not rinse it off.'), prep_minutes=0, skin_minutes=2, minutes=5, limits=Limits(max_per_week=Limit(value=7, provenance=Provenance(kind='default', text='The article gives no weekly number; once a day within the lead-in.', written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='default', text='Daily use during the lead-in, one day after another.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='The article gives no daily count; once a day is the usual use of such products.', written=True)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Evening, so the product works overnight under no tight clothing.', written=True)), not_same_day_as=Limit(value=(), provenance=Provenance(kind='default', text='no conflicts stated', written=False)), around_event=Limit(value=EventWindow(event='hair-removal', first_day=-14, last_day=-1), provenance=Provenance(kind='source', text='The article advises starting such products about two weeks ahead of waxing or epilation.', written=True))), contraindications=('acid-intolerance', 'damaged-skin'), warnings=('Stop the day before hair removal, so acids are not on freshly waxed or epilated skin.', 'Skip it on scratched or broken skin, where acids sting (our precaution).'), aftercare='', area='legs', effects=('exfoliating',), origin='', own=False)),
    'calendula-lotion-spot.toml': ('a0941e2b019498244c601167e0cf361de81b84c950490a17964973268fe8f340', Recipe(id='calendula-lotion-spot', name='Calendula lotion on leg bumps', kind='spot treatment', summary='An alcohol-free lotion with calendula extract dabbed onto each inflamed bump on the legs.', ingredients=(Ingredient(item='calendula lotion', quantity=Quantity(amount=1.0, unit='ml', text='1 ml'), type='consumable', section='pharmacy', note='alcohol-free, with calendula extract; 1 ml a session is our default amount', density=None), Ingredient(item='cotton swab', quantity=Quantity(amount=2.0, unit='cotton swab', text='2 cotton swabs'), type='consumable', section='drugstore', note='our default count per session', density=None)), steps=('Put a little lotion on a cotton swab.', 'Dab it onto each inflamed bump only, not the skin around it.', 'Use a fresh swab when the first one gets dirty.', 'Let it dry.'), prep_minutes=0, skin_minutes=2, minutes=5, limits=Limits(max_per_week=Limit(value=14, provenance=Provenance(kind='default', text='Two dabs a day on every day of the week at most.', written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='default', text='Daily use while the bumps last.', written=True)), per_day=Limit(value=2, provenance=Provenance(kind='default', text='The article gives no frequency; twice a day suits a mild, alcohol-free lotion.', written=True)), times=Limit(value=(datetime.time(8, 0), datetime.time(20, 0)), provenance=Provenance(kind='default', text='Morning and evening, twelve hours apart.', written=True)), time_of_day=Limit(value='morning', provenance=Provenance(kind='default', text='The first session of the day is in the morning; the times give both.', written=True)), not_same_day_as=Limit(value=(), provenance=Provenance(kind='default', text='no conflicts stated', written=False)), around_event=None), contraindications=('plant-allergy',), warnings=('Do not squeeze the bumps.', 'Pick a lotion without alcohol.', 'For many pus-filled bumps ask a doctor or pharmacist about an antibacterial ointment.'), aftercare='', area='legs', effects=(), origin='', own=False)),
    'calendula-wipe.toml': ('1c5de79b00230d230d783962f39483027851569b776a1311ffbf3eb92a797aac', Recipe(id='calendula-wipe', name='Calendula wipe', kind='wipe', summary='Every pimple wiped gently with a cooled calendula infusion, morning and evening.', ingredients=(Ingredient(item='dried calendula flowers', quantity=Quantity(amount=1.0, unit='tsp', text='1 tsp'), type='consumable', section='pharmacy', note='our default amount per session', density=None), Ingredient(item='water', quantity=Quantity(amount=100.0, unit='ml', text='100 ml'), type='tap', section=None, note='boiled; our default amount', density=None), Ingredient(item='cotton pad', quantity=Quantity(amount=2.0, unit='cotton pad', text='2 cotton pads'), type='consumable', section='drugstore', note='our default count per session', density=None), Ingredient(item='cup', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='heat-proof, with a saucer as a lid', density=None), Ingredient(item='strainer', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Pour 100 ml of boiling water over the calendula flowers.', 'Cover and let it steep for 15 minutes, then strain and let it cool.', 'Soak a cotton pad in the cooled infusion.', 'Wipe each pimple gently without rubbing, using a fresh pad when the first gets dirty.', 'Let the skin air-dry.'), prep_minutes=20, skin_minutes=2, minutes=25, limits=Limits(max_per_week=Limit(value=14, provenance=Provenance(kind='source', text="Two wipes every day of the week, as the article's twice-daily advice implies.", written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='source', text='The twice-daily advice means wiping every day.', written=True)), per_day=Limit(value=2, provenance=Provenance(kind='source', text='The article has the pimples wiped with the infusion two times a day.', written=True)), times=Limit(value=(datetime.time(8, 0), datetime.time(20, 0)), provenance=Provenance(kind='default', text='Morning and evening, twelve hours apart.', written=True)), time_of_day=Limit(value='morning', provenance=Provenance(kind='default', text='The first wipe of the day is in the morning; the times give both sessions.', written=True)), not_same_day_as=Limit(value=(), provenance=Provenance(kind='default', text='no conflicts stated', written=False)), around_event=None), contraindications=('plant-allergy',), warnings=('Make a fresh infusion each time and pour away what is left.', 'Do not squeeze the pimples.'), aftercare='', area='problem areas', effects=(), origin='', own=False)),
    'celandine-bath.toml': ('f7c7a1c65ca523f89952392bc50f4097c9543de1755e208d28df9fe97089e2a9', Recipe(id='celandine-bath', name='Celandine bath', kind='bath', summary='A warm bath with a weak celandine decoction for skin with pimples.', ingredients=(Ingredient(item='dried celandine', quantity=Quantity(amount=2.0, unit='tbsp', text='2 tbsp'), type='consumable', section='pharmacy', note='our default; kept low because celandine is a strong herb', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='saucepan', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='strainer', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='bath tub', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='towel', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Put the dried celandine in a saucepan with 1 litre of water.', 'Bring it to the boil and simmer gently for 10 minutes.', 'Take it off the heat, let it steep for 15 minutes, then strain.', 'Fill the bath with warm, not hot, water and pour in the decoction.', 'Soak for 15 minutes.', 'Rinse briefly with clean water and pat dry with a towel.'), prep_minutes=35, skin_minutes=15, minutes=60, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='default', text='The article gives no frequency; celandine is a strong herb, so at most twice a week.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two baths a week, 3 to 4 days apart, because celandine can irritate the skin.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Baths go in the evening so the skin can rest overnight.', written=True)), not_same_day_as=Limit(value=('chamomile-bath', 'oak-bark-bath', 'string-bath', 'sea-salt-bath'), provenance=Provenance(kind='default', text='One bath a day is enough; the soaks would only add up.', written=True)), around_event=None), contraindications=('plant-allergy',), warnings=('Keep the water warm, not hot.', 'Get out and rinse off if the skin itches, burns or turns red.', 'Celandine is poisonous if swallowed: keep the herb and the decoction away from children, pets, the mouth and the eyes.', 'Before the first bath, test the cooled decoction on a small patch of skin and wait a day.'), aftercare='Pat the skin dry without rubbing; moisturise dry patches.', area='body', effects=(), origin='', own=False)),
    'chamomile-bath.toml': ('df7d0003b04d627459339b8b7c8f72e9a59602a7d3c47cffd4735ab880c051a9', Recipe(id='chamomile-bath', name='Chamomile bath', kind='bath', summary='A warm bath with a chamomile-flower decoction to soothe irritated skin.', ingredients=(Ingredient(item='dried chamomile flowers', quantity=Quantity(amount=4.0, unit='tbsp', text='4 tbsp'), type='consumable', section='pharmacy', note='our default amount for one bath', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='saucepan', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='strainer', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='bath tub', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='towel', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Put the dried chamomile flowers in a saucepan with 1 litre of water.', 'Bring it to the boil and simmer gently for 10 minutes.', 'Take it off the heat, let it steep for 15 minutes, then strain.', 'Fill the bath with warm, not hot, water and pour in the decoction.', 'Soak for 15 minutes.', 'Rinse briefly with clean water and pat dry with a towel.'), prep_minutes=35, skin_minutes=15, minutes=60, limits=Limits(max_per_week=Limit(value=3, provenance=Provenance(kind='default', text='The article gives no frequency; chamomile is mild, so up to three baths a week.', written=True)), min_days_between=Limit(value=2, provenance=Provenance(kind='default', text='At least a day without a bath between two baths.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Baths go in the evening so the skin can rest overnight.', written=True)), not_same_day_as=Limit(value=('oak-bark-bath', 'celandine-bath', 'string-bath', 'sea-salt-bath'), provenance=Provenance(kind='default', text='One bath a day is enough; the soaks would only add up.', written=True)), around_event=None), contraindications=('plant-allergy',), warnings=('Keep the water warm, not hot.', 'Get out and rinse off if the skin itches, burns or turns red.'), aftercare='Pat the skin dry without rubbing; moisturise dry patches.', area='body', effects=(), origin='', own=False)),
    'chlorhexidine-aftercare.toml': ('543cc115ddb5de8e4b636d34b485724f3261cabfb09ad92b901607dceaa61d3f', Recipe(id='chlorhexidine-aftercare', name='Chlorhexidine after hair removal', kind='aftercare', summary='Chlorhexidine solution wiped on the legs after hair removal as an antiseptic that does not dry the skin.', ingredients=(Ingredient(item='chlorhexidine solution', quantity=Quantity(amount=10.0, unit='ml', text='10 ml'), type='consumable', section='pharmacy', note='ready-made water-based solution such as 0.05%; the strength and 10 ml for both legs are our defaults, the article names neither', density=None), Ingredient(item='cotton pad', quantity=Quantity(amount=2.0, unit='cotton pad', text='2 cotton pads'), type='consumable', section='drugstore', note='one per leg; our default', density=None)), steps=('Moisten a cotton pad with the chlorhexidine solution.', 'Wipe the skin where the hair was removed.', 'Take a fresh pad for the other leg.', 'Let it dry; do not rinse it off.'), prep_minutes=0, skin_minutes=2, minutes=5, limits=Limits(max_per_week=Limit(value=3, provenance=Provenance(kind='default', text='Only the hair-removal day and the two days after it.', written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='default', text='One application on each day of the short aftercare window.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='The article gives no count; once a day is enough for an antiseptic on intact skin.', written=True)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Evening, after the hair removal earlier in the day.', written=True)), not_same_day_as=Limit(value=(), provenance=Provenance(kind='default', text='no conflicts stated', written=False)), around_event=Limit(value=EventWindow(event='hair-removal', first_day=0, last_day=2), provenance=Provenance(kind='default', text='The article says to apply an antiseptic after hair removal but not for how long; the day itself and the two days after cover the time when the follicles are open.', written=True))), contraindications=('chlorhexidine-allergy',), warnings=('Use the solution instead of alcohol, which dries the skin.', 'Stop and see a doctor if a rash or itching appears.'), aftercare='', area='legs', effects=(), origin='', own=False)),
    'clay-mask.toml': ('fe52af2ab5b07a29cac68de51a00fb30dba94a39d971f512e03c1409bf8d3117', Recipe(id='clay-mask', name='Healing-clay mask', kind='mask', summary='A pharmacy healing-clay (or mud-algae) mask spread on the problem areas.', ingredients=(Ingredient(item='healing clay', quantity=Quantity(amount=3.0, unit='tbsp', text='3 tbsp'), type='consumable', section='pharmacy', note='or a mud-algae mask; amount is our default', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='bowl', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Mix the clay with a little warm water into a smooth, thick paste.', 'For a ready-made mud-algae mask, follow the directions on the pack instead.', 'Spread the paste over the problem areas.', 'Leave it on for 15 minutes; do not let it dry to a crust.', 'Rinse it off with warm water and pat the skin dry.'), prep_minutes=5, skin_minutes=15, minutes=30, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='default', text='The article sets no frequency; twice a week is gentle on skin that clay dries out.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two sessions a week, spaced 3 to 4 days apart so the skin can recover.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Masks go in the evening so the skin rests overnight.', written=True)), not_same_day_as=Limit(value=('soda-mask', 'salt-clay-mask', 'fruit-acid-peel', 'fruit-acid-peel-daily'), provenance=Provenance(kind='default', text='One drying or exfoliating treatment a day is enough for the skin.', written=True)), around_event=None), contraindications=('damaged-skin',), warnings=('Keep the mask off cuts and scratches (our precaution).', 'Clay dries the skin, so stay within the weekly limit.'), aftercare='Apply a light moisturiser if the skin feels tight.', area='problem areas', effects=('drying',), origin='', own=False)),
    'fruit-acid-peel-daily.toml': ('cc0aa4c54df84a61eac6e6e1520db405e516ae7a0153c644dc047dfdd6662003', Recipe(id='fruit-acid-peel-daily', name='Fruit-acid home peel (daily, for inflammation)', kind='mask', summary='The low-concentration fruit-acid peel used every day, for a while, to calm inflamed skin.', ingredients=(Ingredient(item='fruit-acid peel', quantity=Quantity(amount=5.0, unit='ml', text='5 ml'), type='consumable', section='drugstore', note='low concentration, for home use; 5 ml for the back is our default amount', density=None), Ingredient(item='cleanser', quantity=Quantity(amount=None, unit='', text='as needed'), type='consumable', section='drugstore', note='suited to your skin type', density=None), Ingredient(item='moisturiser', quantity=Quantity(amount=None, unit='', text='as needed'), type='consumable', section='drugstore', note='', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None)), steps=('Wash the back with a cleanser that suits your skin type and pat it dry.', 'Spread a thin layer of the fruit-acid peel over the clean skin.', 'Leave it on for 5 minutes.', 'Rinse it off thoroughly with cool water.', 'Pat dry and apply a plain moisturiser.'), prep_minutes=5, skin_minutes=5, minutes=20, limits=Limits(max_per_week=Limit(value=7, provenance=Provenance(kind='source', text='To relieve inflammation the article allows the mask every day.', written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='source', text='Daily use is what the article allows for inflammation.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='The article says every day, not how often in a day; once is the cautious reading.', written=True)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Acids make skin more sensitive to sun, so the peel goes in the evening.', written=True)), not_same_day_as=Limit(value=('fruit-acid-peel', 'soda-mask', 'salt-clay-mask', 'clay-mask'), provenance=Provenance(kind='default', text='One exfoliating or drying treatment a day is enough for the skin.', written=True)), around_event=None), contraindications=('acid-intolerance', 'eczema', 'herpes', 'psoriasis', 'pustular-lesions', 'damaged-skin', 'keloid-scars', 'large-moles', 'oncological-disease'), warnings=('Use only a low-concentration product meant for home use.', 'Stop the daily peel once the inflammation has settled, or sooner if the skin turns red, flakes or burns.', 'Choose either this daily peel or the weekly one, not both.'), aftercare='Keep the treated skin out of the sun while you use the peel.', area='back', effects=('exfoliating',), origin='', own=False)),
    'fruit-acid-peel.toml': ('6225090c4fd0cbe31db1f445406d459ed3c99d158aecbf354876b56e48b24f49', Recipe(id='fruit-acid-peel', name='Fruit-acid home peel (weekly)', kind='mask', summary='A low-concentration fruit-acid peel on cleansed skin, no more than once a week, to renew it.', ingredients=(Ingredient(item='fruit-acid peel', quantity=Quantity(amount=5.0, unit='ml', text='5 ml'), type='consumable', section='drugstore', note='low concentration, for home use; 5 ml for the back is our default amount', density=None), Ingredient(item='cleanser', quantity=Quantity(amount=None, unit='', text='as needed'), type='consumable', section='drugstore', note='suited to your skin type', density=None), Ingredient(item='moisturiser', quantity=Quantity(amount=None, unit='', text='as needed'), type='consumable', section='drugstore', note='', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None)), steps=('Wash the back with a cleanser that suits your skin type and pat it dry.', 'Spread a thin layer of the fruit-acid peel over the clean skin.', 'Leave it on for 10 minutes, or less if the label says so.', 'Rinse it off thoroughly with cool water.', 'Pat dry and apply a plain moisturiser.'), prep_minutes=5, skin_minutes=10, minutes=25, limits=Limits(max_per_week=Limit(value=1, provenance=Provenance(kind='source', text='For a rejuvenating, healing effect the article limits this mask to once a week at most.', written=True)), min_days_between=Limit(value=7, provenance=Provenance(kind='source', text="Follows from the article's once-a-week maximum: a week between peels.", written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Acids make skin more sensitive to sun, so the peel goes in the evening.', written=True)), not_same_day_as=Limit(value=('fruit-acid-peel-daily', 'soda-mask', 'salt-clay-mask', 'clay-mask'), provenance=Provenance(kind='default', text='One exfoliating or drying treatment a day is enough for the skin.', written=True)), around_event=None), contraindications=('acid-intolerance', 'eczema', 'herpes', 'psoriasis', 'pustular-lesions', 'damaged-skin', 'keloid-scars', 'large-moles', 'oncological-disease'), warnings=('Use only a low-concentration product meant for home use.', 'A light tingle is normal; rinse at once if it burns.', 'Choose either this weekly peel or the daily one, not both.'), aftercare='Keep the treated skin out of the sun for a few days.', area='back', effects=('exfoliating',), origin='', own=False)),
    'oak-bark-bath.toml': ('c60a9b8899083f0cf30b9187e41c6bf8e94e8c72f3a7e27f4efc3e6a2f5d4e82', Recipe(id='oak-bark-bath', name='Oak-bark bath', kind='bath', summary='A warm bath with an oak-bark decoction, which tightens and dries oily skin.', ingredients=(Ingredient(item='oak bark', quantity=Quantity(amount=4.0, unit='tbsp', text='4 tbsp'), type='consumable', section='pharmacy', note='our default amount for one bath', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='saucepan', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='strainer', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='bath tub', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='towel', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Put the oak bark in a saucepan with 1 litre of water.', 'Bring it to the boil and simmer gently for 20 minutes.', 'Take it off the heat, let it steep for 15 minutes, then strain.', 'Fill the bath with warm, not hot, water and pour in the decoction.', 'Soak for 15 minutes.', 'Rinse briefly with clean water and pat dry with a towel.'), prep_minutes=45, skin_minutes=15, minutes=70, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='default', text='The article gives no frequency; oak bark dries the skin, so at most twice a week.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two baths a week, 3 to 4 days apart so the skin does not dry out.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Baths go in the evening so the skin can rest overnight.', written=True)), not_same_day_as=Limit(value=('chamomile-bath', 'celandine-bath', 'string-bath', 'sea-salt-bath'), provenance=Provenance(kind='default', text='One bath a day is enough; the soaks would only add up.', written=True)), around_event=None), contraindications=('plant-allergy',), warnings=('Keep the water warm, not hot.', 'Get out and rinse off if the skin itches, burns or turns red.', 'Oak bark is astringent and dries the skin: moisturise afterwards.'), aftercare='Pat the skin dry without rubbing; moisturise dry patches.', area='body', effects=('drying',), origin='', own=False)),
    'peroxide-spot.toml': ('eab1831845462bbc9d3118efb38568cfa9fae72917af91e8972c95323f5633a1', Recipe(id='peroxide-spot', name='Hydrogen peroxide spot treatment', kind='spot treatment', summary='Problem spots touched with a cotton swab dipped in 3% hydrogen peroxide.', ingredients=(Ingredient(item='hydrogen peroxide 3%', quantity=Quantity(amount=5.0, unit='ml', text='5 ml'), type='consumable', section='pharmacy', note='our default amount per session', density=None), Ingredient(item='cotton swab', quantity=Quantity(amount=3.0, unit='cotton swab', text='3 cotton swabs'), type='consumable', section='drugstore', note='our default count per session', density=None)), steps=('Dip a cotton swab in the 3% hydrogen peroxide.', 'Touch each problem spot with it; do not rub.', 'Take a fresh swab when the first one gets dirty.', 'Let the spots air-dry.'), prep_minutes=1, skin_minutes=2, minutes=5, limits=Limits(max_per_week=Limit(value=7, provenance=Provenance(kind='default', text='No weekly number in the article; at most one session a day.', written=True)), min_days_between=Limit(value=1, provenance=Provenance(kind='default', text='Daily use is allowed, one session day after another.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='The article only says to do it regularly; once a day is our cautious reading because peroxide dries the skin.', written=True)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Evening, after washing, so the spots are clean.', written=True)), not_same_day_as=Limit(value=(), provenance=Provenance(kind='default', text='no conflicts stated', written=False)), around_event=None), contraindications=('peroxide-sensitivity',), warnings=('Use only the 3% solution, never a stronger one.', 'Peroxide can dry and bleach the skin: stop if it burns, flakes or stays red.', 'Keep it away from the eyes.'), aftercare='', area='problem areas', effects=('drying',), origin='', own=False)),
    'salon-chemical-cleansing.toml': ('41a23da3ffa6a92bf16107424552525ed01862de24cbe04c7616b5dde7dc4042', Recipe(id='salon-chemical-cleansing', name='Salon back cleansing with acids', kind='salon appointment', summary='A deep, gentle salon cleansing of the back with layered acid and enzyme peels (length is our 90-minute guess).', ingredients=(), steps=('Tell the cosmetologist about any skin disease, allergy or medicine first.', 'Cleansing: the skin is washed with a product for your skin type to lift oil and dirt.', 'Light peel: a low-strength fruit-acid mask softens dead cells and opens the pores.', 'Stronger peel: glycolic acid with fruit or berry extracts is massaged in gently.', 'Enzyme peel: a whey-protein enzyme layer opens the pores fully and moistens the skin.', 'Moisturising: napkins soaked in moisturiser stay on for ten minutes, then an antibacterial lotion follows.', 'Calming mask: a soothing mask ends the session and tightens the pores.'), prep_minutes=0, skin_minutes=0, minutes=90, limits=Limits(max_per_week=Limit(value=1, provenance=Provenance(kind='default', text='The article gives no frequency; one salon cleansing a week at most.', written=True)), min_days_between=Limit(value=14, provenance=Provenance(kind='default', text='The products act for about two days and the skin then needs time to renew; two weeks apart is our cautious choice.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (afternoon)', written=False)), time_of_day=Limit(value='afternoon', provenance=Provenance(kind='default', text='Salon hours; the evening stays free for the skin to rest.', written=True)), not_same_day_as=Limit(value=('salon-ultrasonic-cleansing', 'fruit-acid-peel', 'fruit-acid-peel-daily', 'soda-mask', 'salt-clay-mask', 'clay-mask'), provenance=Provenance(kind='default', text='No other cleansing, peel or drying mask on the day of a salon cleansing.', written=True)), around_event=None), contraindications=('acid-intolerance', 'eczema', 'herpes', 'psoriasis', 'pustular-lesions', 'damaged-skin', 'keloid-scars', 'large-moles', 'oncological-disease'), warnings=('A slight tingle is possible on very sensitive skin; redness should fade within hours.', 'Skip home peels and masks for two days afterwards, while the salon products are still active.', 'The 90-minute length is our estimate; ask the salon.'), aftercare='Leave the back alone for two days: the products keep working during that time.', area='back', effects=('exfoliating',), origin='', own=False)),
    'salon-ultrasonic-cleansing.toml': ('9ebcb81216fa373a761855d27e15d9556d07198b87f1da3e580378345ef3e08a', Recipe(id='salon-ultrasonic-cleansing', name='Salon ultrasonic back cleansing', kind='salon appointment', summary='A salon cleansing of the back with an ultrasonic peeling device, taking about two hours.', ingredients=(), steps=('Tell the cosmetologist about any skin disease, allergy or medicine first.', 'Cleansing: the skin is cleaned with a lotion or milk made for the procedure.', 'Steaming: vapour opens the ducts of the oil glands.', 'Toning: a toner is applied.', 'Enzyme peel: used only if the cosmetologist prescribes it.', 'Preparation: a hydrating gel is spread on the skin.', 'Ultrasonic peel: the device cleans the pores.', 'Finish: a mask if needed with a light massage, then a nourishing serum and a finishing cream.'), prep_minutes=0, skin_minutes=0, minutes=120, limits=Limits(max_per_week=Limit(value=1, provenance=Provenance(kind='default', text='The article gives no frequency; one salon cleansing a week at most.', written=True)), min_days_between=Limit(value=14, provenance=Provenance(kind='default', text='The products act for about two days and the skin then needs time to renew; two weeks apart is our cautious choice.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (afternoon)', written=False)), time_of_day=Limit(value='afternoon', provenance=Provenance(kind='default', text='Salon hours; the evening stays free for the skin to rest.', written=True)), not_same_day_as=Limit(value=('salon-chemical-cleansing', 'fruit-acid-peel', 'fruit-acid-peel-daily', 'soda-mask', 'salt-clay-mask', 'clay-mask'), provenance=Provenance(kind='default', text='No other cleansing, peel or drying mask on the day of a salon cleansing.', written=True)), around_event=None), contraindications=('acid-intolerance', 'eczema', 'herpes', 'psoriasis', 'pustular-lesions', 'damaged-skin', 'keloid-scars', 'large-moles', 'oncological-disease'), warnings=('Skip home peels and masks for two days afterwards, while the salon products are still active.', 'The cosmetologist may suggest combining ultrasound with vacuum or manual cleansing.'), aftercare='Leave the back alone for two days: the products keep working during that time.', area='back', effects=('exfoliating',), origin='', own=False)),
    'salt-clay-mask.toml': ('76b31b5b4bcdf8cbd351618b2cf073ec7b4290f1493eb16b064836aef9c3a5c5', Recipe(id='salt-clay-mask', name='Sea-salt and healing-clay mask', kind='mask', summary='Sea salt dissolved in water, thickened with healing clay into a paste for spots and pimples.', ingredients=(Ingredient(item='water', quantity=Quantity(amount=50.0, unit='ml', text='50 ml'), type='tap', section=None, note='our default; the article gives no amount, only enough for a paste', density=None), Ingredient(item='sea salt', quantity=Quantity(amount=1.0, unit='tsp', text='1 tsp'), type='consumable', section='grocery', note='our default; the article gives no amount', density=None), Ingredient(item='healing clay', quantity=Quantity(amount=4.0, unit='tbsp', text='4 tbsp'), type='consumable', section='pharmacy', note='our default; add until the paste is thick', density=None), Ingredient(item='bowl', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='a large one', density=None)), steps=('Pour warm water into a large bowl.', 'Stir in the sea salt until no crystals are left.', 'Add the clay a spoonful at a time until you have a thick paste.', 'Spread the paste over the problem areas.', 'Leave it on for 15 minutes.', 'Rinse it all off carefully with warm water and pat the skin dry.'), prep_minutes=10, skin_minutes=15, minutes=35, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='default', text='The article sets no frequency; twice a week keeps drying salt and clay from overworking the skin.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two sessions a week, spaced 3 to 4 days apart so the skin can recover.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Masks go in the evening so the skin rests overnight.', written=True)), not_same_day_as=Limit(value=('soda-mask', 'clay-mask', 'fruit-acid-peel', 'fruit-acid-peel-daily'), provenance=Provenance(kind='default', text='One drying or exfoliating treatment a day is enough for the skin.', written=True)), around_event=None), contraindications=('damaged-skin',), warnings=('Salt stings in cuts and scratches: keep the paste off broken skin (our precaution).', 'Clay and salt both dry the skin, so stay within the weekly limit.'), aftercare='Apply a light moisturiser if the skin feels tight.', area='problem areas', effects=('drying', 'exfoliating'), origin='', own=False)),
    'sea-salt-bath.toml': ('40f133fede5d9961e1b1c44aec952da2343d3fd639dd1b2facf7928aa46ca17d', Recipe(id='sea-salt-bath', name='Sea-salt bath', kind='bath', summary='A warm bath with dissolved sea salt for skin prone to pimples.', ingredients=(Ingredient(item='sea salt', quantity=Quantity(amount=500.0, unit='g', text='500 g'), type='consumable', section='grocery', note='coarse, without additives; amount is our default for one bath', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='bath tub', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='towel', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Fill the bath with warm, not hot, water.', 'Pour in the sea salt and stir until it has dissolved.', 'Soak for 15 minutes.', 'Rinse the salt off under the shower and pat dry with a towel.'), prep_minutes=10, skin_minutes=15, minutes=35, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='default', text='The article gives no frequency; salt dries the skin, so at most twice a week.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two baths a week, 3 to 4 days apart so the skin does not dry out.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Baths go in the evening so the skin can rest overnight.', written=True)), not_same_day_as=Limit(value=('chamomile-bath', 'oak-bark-bath', 'celandine-bath', 'string-bath'), provenance=Provenance(kind='default', text='One bath a day is enough; the soaks would only add up.', written=True)), around_event=None), contraindications=('damaged-skin',), warnings=('Salt stings in cuts and scratches: skip the bath while the skin is broken (our precaution).', 'Keep the water warm, not hot.', 'Salt dries the skin, so stay within the weekly limit.'), aftercare='Pat the skin dry without rubbing; moisturise dry patches.', area='body', effects=('drying',), origin='', own=False)),
    'soda-mask.toml': ('258edad9875fa281f676f32c5e96efcfe22499bdfa71c5ff97910f0a25a3e420', Recipe(id='soda-mask', name='Baking-soda mask', kind='mask', summary='A paste of baking soda, soap and water that dries out small red pimples.', ingredients=(Ingredient(item='baking soda', quantity=Quantity(amount=1.0, unit='tbsp', text='1 tbsp'), type='consumable', section='grocery', note='', density=None), Ingredient(item='soap', quantity=Quantity(amount=None, unit='', text='as needed'), type='consumable', section='drugstore', note='plain, unscented', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='cotton pad', quantity=Quantity(amount=1.0, unit='cotton pad', text='1 cotton pad'), type='consumable', section='drugstore', note='', density=None), Ingredient(item='bowl', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Steam the back well (a hot shower or a warm wet towel) so the pores open.', 'Stir the baking soda, a little soap and some water into a smooth paste.', 'Spread the paste with a cotton pad in light circles; do not rub it in.', 'Lie on your stomach and leave it on for 10 minutes.', 'Rinse the mask off with warm water.'), prep_minutes=10, skin_minutes=10, minutes=30, limits=Limits(max_per_week=Limit(value=2, provenance=Provenance(kind='source', text='No more than a couple of times a week.', written=True)), min_days_between=Limit(value=3, provenance=Provenance(kind='default', text='Two sessions a week, kept 3 to 4 days apart so the dried skin recovers.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Masks go in the evening so the skin rests overnight.', written=True)), not_same_day_as=Limit(value=('fruit-acid-peel', 'fruit-acid-peel-daily', 'salt-clay-mask', 'clay-mask'), provenance=Provenance(kind='default', text='One drying or exfoliating treatment a day is enough for the skin.', written=True)), around_event=None), contraindications=('open-pimples', 'mature-pimples', 'advanced-acne'), warnings=('Soda dries the skin: keep to the weekly limit.', 'For severe acne see a dermatologist instead.'), aftercare='Put a medicated cream on the treated skin.', area='back', effects=('drying',), origin='', own=False)),
    'string-bath.toml': ('346a91562a8d54968aa55bf1e568c26ef8aecc04f1f0d25ae252f769eb1cb2e9', Recipe(id='string-bath', name='String bath', kind='bath', summary='A warm bath with a decoction of string (bur marigold) for inflamed skin.', ingredients=(Ingredient(item='dried string herb', quantity=Quantity(amount=4.0, unit='tbsp', text='4 tbsp'), type='consumable', section='pharmacy', note='Bidens tripartita, also sold as bur marigold; amount is our default', density=None), Ingredient(item='water', quantity=Quantity(amount=None, unit='', text='as needed'), type='tap', section=None, note='', density=None), Ingredient(item='saucepan', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='strainer', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='bath tub', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None), Ingredient(item='towel', quantity=Quantity(amount=None, unit='', text='as needed'), type='equipment', section=None, note='', density=None)), steps=('Put the dried string herb in a saucepan with 1 litre of water.', 'Bring it to the boil and simmer gently for 10 minutes.', 'Take it off the heat, let it steep for 15 minutes, then strain.', 'Fill the bath with warm, not hot, water and pour in the decoction.', 'Soak for 15 minutes.', 'Rinse briefly with clean water and pat dry with a towel.'), prep_minutes=35, skin_minutes=15, minutes=60, limits=Limits(max_per_week=Limit(value=3, provenance=Provenance(kind='default', text='The article gives no frequency; string is a mild herb, so up to three baths a week.', written=True)), min_days_between=Limit(value=2, provenance=Provenance(kind='default', text='At least a day without a bath between two baths.', written=True)), per_day=Limit(value=1, provenance=Provenance(kind='default', text='once a day unless the recipe says otherwise', written=False)), times=Limit(value=(), provenance=Provenance(kind='default', text='spread from the preferred time of day (evening)', written=False)), time_of_day=Limit(value='evening', provenance=Provenance(kind='default', text='Baths go in the evening so the skin can rest overnight.', written=True)), not_same_day_as=Limit(value=('chamomile-bath', 'oak-bark-bath', 'celandine-bath', 'sea-salt-bath'), provenance=Provenance(kind='default', text='One bath a day is enough; the soaks would only add up.', written=True)), around_event=None), contraindications=('plant-allergy',), warnings=('Keep the water warm, not hot.', 'Get out and rinse off if the skin itches, burns or turns red.'), aftercare='Pat the skin dry without rubbing; moisturise dry patches.', area='body', effects=(), origin='', own=False)),
}
