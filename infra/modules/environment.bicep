metadata description = 'Log Analytics workspace and the Container Apps environment that sends its logs there.'

import { tagSet } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags tagSet

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Container Apps environment.')
param environmentName string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int

@description('Empty for a Consumption-only environment (replicas get routable addresses). A dedicated profile type such as D4 adds a Dedicated workload profile named "dedicated" for the app.')
@allowed([
  ''
  'D4'
  'D8'
  'D16'
  'D32'
  'E4'
  'E8'
  'E16'
  'E32'
])
param dedicatedWorkloadProfileType string

@description('Largest number of nodes of the dedicated workload profile (ignored for Consumption-only).')
@minValue(1)
@maxValue(100)
param dedicatedWorkloadProfileMaxCount int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: logRetentionDays
    sku: {
      name: 'PerGB2018'
    }
  }
}

@description('Workload profiles of the environment: none for Consumption-only, otherwise Consumption plus one Dedicated profile.')
var workloadProfiles = empty(dedicatedWorkloadProfileType)
  ? null
  : [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: 'dedicated'
        workloadProfileType: dedicatedWorkloadProfileType
        minimumCount: 1
        maximumCount: dedicatedWorkloadProfileMaxCount
      }
    ]

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    workloadProfiles: workloadProfiles
    zoneRedundant: false
  }
}

@description('Resource id of the Container Apps environment.')
output id string = environment.id

@description('Name of the Container Apps environment.')
output name string = environment.name

@description('Default domain of the environment.')
output defaultDomain string = environment.properties.defaultDomain

@description('Workload profile the app runs on: "dedicated" when a dedicated profile was requested, otherwise empty.')
output appWorkloadProfileName string = empty(dedicatedWorkloadProfileType) ? '' : 'dedicated'

@description('Name of the Log Analytics workspace.')
output logAnalyticsName string = logAnalytics.name
