import type { IntakeMessageKey } from './intake.zh-CN.ts';

// English intake texts. Same keys as intake.zh-CN.ts (the type makes a missing key a compile error).
export const intakeEn: Record<IntakeMessageKey, string> = {
  'intake.emergency_alerted':
    '⚠️ <b>If anyone is in danger, call now: fire 119, ambulance 120, police 110.</b>\n{advice}\nThe community staff have been alerted too and will contact you soon.',
  'intake.emergency_hotlines': '⚠️ If this is an emergency, call now: fire 119, ambulance 120, police 110.',
  'intake.advice.fire': 'Get out first, do not use the lift, cover your nose and mouth with a wet cloth.',
  'intake.advice.gas':
    'Do not touch switches or light anything, open doors and windows, turn off the main valve, and call from outside.',
  'intake.advice.collapse':
    'Get everyone away from the damaged part, do not go back for belongings, keep clear of cracked walls and wires; if someone is trapped, tell 119 exactly where.',
  'intake.advice.medical':
    'Do not move the person unless you must, keep their airway clear, wait for the ambulance.',
  'intake.advice.violence': 'Keep yourself safe first, get away from the person, and call 110.',
  'intake.advice.flooding':
    'Turn off the main water valve and the electricity, and keep away from wet appliances.',
  'emergency.fire': 'a fire',
  'emergency.gas': 'a gas leak',
  'emergency.collapse': 'a collapse (building, wall or ceiling)',
  'emergency.medical': 'a medical emergency (someone collapsed or hurt)',
  'emergency.violence': 'violence',
  'emergency.flooding': 'flooding indoors',
  'notice.intake_emergency':
    '<b>⚠️ Emergency</b>: {name}, a resident of {community}{building}, reported {category}. They were told to call 110/119/120. Please contact them now.',
  'intake.scope.cash':
    'Volunteer service cannot give cash. If your family is struggling, the residents’ committee can tell you about subsistence allowances and temporary relief; or tell me exactly what you lack (rice, oil, winter clothes) and I will record it.',
  'intake.scope.loan':
    'The community cannot lend money or guarantee loans. Ask the human-resources bureau or a bank about start-up loans, or call 12345 for the policies.',
  'intake.scope.big_purchase':
    'Micro-wishes are small and practical; a flat, a car or large appliances are beyond what we can do. If there is something small you need (a book, a visit to help at home), tell me.',
  'intake.scope.lawsuit':
    'A court case needs a professional lawyer; the community cannot represent you. The judicial office or the public legal service centre can advise you, or call the 12348 legal-aid line. I can record a request for legal advice if you like.',
  'intake.scope.diagnosis':
    'Only a doctor can diagnose or prescribe. Please see the community health centre or a hospital; in an emergency call 120. If you would like someone to go with you, tell me.',
  'intake.scope.hotline_12345':
    'This is a matter for a government department: please call the 12345 service hotline, which passes it to the right office.',
  'intake.scope.property_management':
    'Property fees and contracts are for the property company and the owners’ committee; please contact them first. If you cannot agree, the residents’ committee can help mediate.',
  'intake.scope.city_management':
    'Street stalls and illegal building are for city management (城管); please call 12345 or the local city-management line.',
  'intake.not_a_need':
    'Hello! If you need help with something, just tell me in your own words, e.g. "The street light at building 3 is out".',
  'intake.vague':
    'To get this done, please make it concrete and practical: what help, for whom, where and when?\nFor example: "I have bad legs and would like someone to buy groceries for me every Saturday morning".',
  'intake.ask_for_whom': 'Who is this for?',
  'forwhom.self': 'Myself',
  'forwhom.family': 'My family',
  'forwhom.neighbour': 'A neighbour',
  'forwhom.public': 'Everyone (public)',
  'intake.ask_place':
    'Where is it? Tell me the building, unit or exact spot, e.g. "stairwell of building 5, unit 2".',
  'intake.skip': 'Skip',
  'intake.updated': 'OK, I changed it as you said.',
  'intake.card_for_whom': 'For: {who}',
  'intake.card_place': 'Place: {place}',
  'intake.pii_phone_hidden':
    'To protect privacy, the phone number in your message was taken out of the text and not saved (it may be someone else’s). After submitting you can press "Leave a number" to give your own.',
  'intake.pii_removed':
    'To protect your privacy, ID, bank-card and other numbers were removed from the text. Please do not send them in chat.',
  'intake.duplicate_offer':
    'There is a similar need already: is it the same thing as {ref}? If so, I will add you as a supporter instead of filing it again.',
  'intake.same': 'Same thing',
  'intake.not_same': 'No, different',
  'intake.joined': 'OK, you now support {ref}; the community handles it together. Nothing was filed twice.',
  'intake.already_joined': 'You already support {ref}; the community handles it together.',
  'intake.own_need':
    '{ref} is a need you reported yourself and it is being handled; nothing was filed twice.',
  'intake.phone_offer':
    'If you like, leave a phone number so the member who takes it can reach you (only they see it, only while working on it).',
  'intake.phone_offer_mentioned':
    'The number in your message was not saved. To leave your own number, press "Leave a number" and confirm it (only the member working on it sees it, only while working on it).',
  'intake.leave_phone': 'Leave a number',
  'intake.ask_phone':
    'Please send your mobile or landline number. If you would rather not, press "No thanks".',
  'intake.no_phone': 'No thanks',
  'intake.phone_saved': 'Your number is kept privately; only the member working on your need can see it.',
  'intake.phone_invalid':
    'That does not look like a phone number. Please send it again (e.g. 138 0013 8000) or press "No thanks".',
  'intake.phone_skipped': 'That is fine; you will hear about progress here.',
};
